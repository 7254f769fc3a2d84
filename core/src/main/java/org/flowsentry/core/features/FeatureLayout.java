package org.flowsentry.core.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.flowsentry.schema.FeatureSpec;
import org.flowsentry.schema.FlowRecord;

/**
 * The feature vector of a model: [per-flow | extra dataset columns | source host | destination
 * host | pair]. Built from the bundle's FeatureSpec, so the trainer and the job lay out and
 * compute features with the same code. Immutable and thread-safe; the mutable parts are the
 * context states passed in.
 */
public final class FeatureLayout {
    /** FeatureSpec.version of this code; a bundle with another version is refused. */
    public static final int VERSION = 1;

    private final List<String> extras;
    private final ContextSpec context;
    /** The context's decay factors; null without context. */
    private final Decay decay;
    /** The context's distinct-count windows; empty without context. */
    private final long[] distinctWindowsMs;
    private final List<String> names;
    private final int extrasOffset;
    private final int sourceOffset;
    private final int destinationOffset;
    private final int pairOffset;
    private final int width;

    /**
     * @param extras keys of FlowRecord.features to include, in order
     * @param context host-context settings, or null when the data has no times or addresses
     */
    public FeatureLayout(List<String> extras, ContextSpec context) {
        this.extras = List.copyOf(extras);
        this.context = context;
        this.decay = context == null ? null : new Decay(context.halfLivesMs());
        this.distinctWindowsMs = context == null ? new long[0] : context.distinctWindowsMs().stream().mapToLong(Long::longValue).toArray();
        List<String> n = new ArrayList<>(FlowFeatures.NAMES);
        for (String e : this.extras) n.add("x." + e);
        extrasOffset = FlowFeatures.WIDTH;
        sourceOffset = extrasOffset + this.extras.size();
        if (context != null) {
            HostState.names(context, "src.", n);
            destinationOffset = sourceOffset + HostState.width(context);
            HostState.names(context, "dst.", n);
            pairOffset = destinationOffset + HostState.width(context);
            PairState.names(context, n);
            width = pairOffset + PairState.width(context);
        } else {
            destinationOffset = pairOffset = width = sourceOffset;
        }
        if (n.size() != width) throw new IllegalStateException("feature names and width disagree");
        this.names = Collections.unmodifiableList(n);
    }

    public static FeatureLayout of(FeatureSpec spec) {
        if (spec.getVersion() != VERSION) {
            throw new IllegalArgumentException("bundle features are version " + spec.getVersion()
                    + ", this FlowSentry computes version " + VERSION);
        }
        ContextSpec ctx = spec.getContextHalfLivesMs().isEmpty() ? null : new ContextSpec(
                spec.getContextHalfLivesMs(), spec.getDistinctWindowsMs(), spec.getDistinctCapacity(), spec.getContextIdleResetMs(),
                spec.getMaxPairsPerDestination(), spec.getOneWayRecords());
        FeatureLayout layout = new FeatureLayout(spec.getExtraFeatures(), ctx);
        if (!layout.names.equals(spec.getNames())) {
            throw new IllegalArgumentException("bundle feature names do not match what version " + VERSION
                    + " computes for its settings (first: " + spec.getNames().stream().limit(3).toList() + ")");
        }
        return layout;
    }

    public FeatureSpec toSpec() {
        FeatureSpec.Builder b = FeatureSpec.newBuilder()
                .setVersion(VERSION)
                .setNames(names)
                .setExtraFeatures(extras);
        if (context != null) {
            b.setContextHalfLivesMs(context.halfLivesMs())
                    .setDistinctWindowsMs(context.distinctWindowsMs())
                    .setDistinctCapacity(context.distinctCapacity())
                    .setContextIdleResetMs(context.idleResetMs())
                    .setMaxPairsPerDestination(context.maxPairsPerDestination())
                    .setOneWayRecords(context.oneWayRecords());
        } else {
            b.setContextHalfLivesMs(List.of()).setDistinctWindowsMs(List.of());
        }
        return b.build();
    }

    public List<String> names() {
        return names;
    }

    public int width() {
        return width;
    }

    public List<String> extras() {
        return extras;
    }

    public boolean hasContext() {
        return context != null;
    }

    public ContextSpec context() {
        return context;
    }

    /** Event time of a flow: its start, or the fallback (e.g. the Kafka record time) when it has none. */
    public static long eventTime(FlowRecord r, long fallbackMs) {
        return r.getStartMs() != null ? r.getStartMs() : fallbackMs;
    }

    /** Writes the per-flow and extra features; a missing extra is NaN, which the scaler fills. */
    public void computeFlowPart(FlowRecord r, double[] out) {
        FlowFeatures.compute(r, out, 0);
        Map<String, Double> features = r.getFeatures();
        for (int i = 0; i < extras.size(); i++) {
            Double v = features == null ? null : features.get(extras.get(i));
            out[extrasOffset + i] = v == null ? Double.NaN : v;
        }
    }

    /** Updates the source host's state with the flow and writes its features. */
    public void computeSourcePart(HostState source, FlowRecord r, long t, double[] out) {
        source.update(context, decay, distinctWindowsMs, t, r.getSrcBytes() + r.getDstBytes(), FlowFeatures.failed(r, context.oneWayRecords()),
                Damped.hash(addressKey(r.getDstAddr())), r.getDstPort(), out, sourceOffset);
    }

    /** Updates the destination host's state with the flow and writes its features. */
    public void computeDestinationPart(HostState destination, FlowRecord r, long t, double[] out) {
        destination.update(context, decay, distinctWindowsMs, t, r.getSrcBytes() + r.getDstBytes(), FlowFeatures.failed(r, context.oneWayRecords()),
                Damped.hash(addressKey(r.getSrcAddr())), r.getDstPort(), out, destinationOffset);
    }

    /** Updates the pair's state with the flow and writes its features. */
    public void computePairPart(PairState pair, FlowRecord r, long t, double[] out) {
        pair.update(context, decay, t, r.getSrcBytes() + r.getDstBytes(), out, pairOffset);
    }

    /** The key under which a host's context is kept; flows without an address share one. */
    public static String addressKey(String address) {
        return address == null ? "" : address;
    }
}
