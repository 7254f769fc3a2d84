package org.flowsentry.job.serialization;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowsentry.core.features.ContextSpec;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.features.HostState;
import org.flowsentry.core.features.PairState;
import org.flowsentry.core.flow.FlowRecords;
import org.flowsentry.job.TestFlows;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.schema.FlowRecord;

/** Context states and flow events as the job makes them, for the serializer tests and measurements. */
final class Samples {
    static final FeatureLayout LAYOUT = new FeatureLayout(List.of(), ContextSpec.DEFAULT);

    final Map<String, HostState> sources = new LinkedHashMap<>();
    final Map<String, HostState> destinations = new LinkedHashMap<>();
    final Map<String, PairState> pairs = new LinkedHashMap<>();
    final List<FlowEvent> events = new ArrayList<>();

    /** Seeded generated traffic through the default layout, as the feature operators compute it. */
    static Samples generated(int flows) {
        Samples s = new Samples();
        long offset = 0;
        for (FlowRecord r : TestFlows.generated(flows)) {
            FlowEvent e = TestFlows.event(r, offset++);
            double[] v = new double[LAYOUT.width()];
            LAYOUT.computeFlowPart(r, v);
            LAYOUT.computeSourcePart(host(s.sources, r.getSrcAddr()), r, e.eventTimeMs, v);
            LAYOUT.computeDestinationPart(host(s.destinations, r.getDstAddr()), r, e.eventTimeMs, v);
            LAYOUT.computePairPart(s.pairs.computeIfAbsent(r.getSrcAddr() + ">" + r.getDstAddr(), k -> PairState.create(LAYOUT.context())),
                    r, e.eventTimeMs, v);
            e.features = v;
            e.specId = 0x5EC1D;
            e.featureModelVersion = 3;
            s.events.add(e);
        }
        return s;
    }

    private static HostState host(Map<String, HostState> hosts, String address) {
        return hosts.computeIfAbsent(FeatureLayout.addressKey(address), k -> HostState.create(LAYOUT.context()));
    }

    /** The host state with the most distinct ports and peers of all roles. */
    HostState busiestHost() {
        List<HostState> all = new ArrayList<>(sources.values());
        all.addAll(destinations.values());
        return all.stream().max(Comparator.comparingInt((HostState h) -> h.ports().size() + h.peers().size())).orElseThrow();
    }

    /** A host state whose recent values are partly full (some, not all, of the capacity). */
    HostState partlyFullHost() {
        return sources.values().stream()
                .filter(h -> h.ports().size() > 1 && h.ports().size() < h.ports().maxValues())
                .findFirst().orElseThrow();
    }

    /** A flow as it leaves the decoder from a record with the schema's defaults: every optional field null. */
    static FlowEvent sparseEvent() {
        return new FlowEvent(FlowRecords.blank(), TestFlows.T0, TestFlows.TOPIC, 2, 41);
    }
}
