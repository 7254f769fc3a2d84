package org.flowsentry.job.operators;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.features.HostState;
import org.flowsentry.core.features.PairState;
import org.flowsentry.job.JobDescriptors;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.job.support.ContextExpiry;
import org.flowsentry.job.support.ContextStates;
import org.flowsentry.job.support.DeadLetters;
import org.flowsentry.job.support.ModelHolder;
import org.flowsentry.job.support.ModelView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first keyed operator, keyed by destination host: computes the per-flow features, the
 * destination host's context and the pair's (pair state kept under the destination key, as a map
 * by source: see {@link JobDescriptors#pairs()}) with the feature layout of the current model
 * (from the model broadcast, or the initial bundle). The vector travels on with the flow to
 * {@link ScoringFunction}, which completes it with the source host's context, tagged with the
 * spec it was laid out for. A host's state is dropped once event time passes its last flow by
 * the state TTL ({@link ContextExpiry}), so idle and spoofed hosts disappear; a pair's when its
 * host's expiry timer finds it unused that long. A destination keeps pair context for at most the
 * spec's maxPairsPerDestination sources, as core's ContextTracker does: a further source's flow
 * gets a first flow's pair features and nothing is stored for it (counted in flowsBeyondPairBound).
 *
 * <p>Late flows (event time behind the watermark) are processed all the same with what state
 * holds, flagged and counted. Event time never reorders anything: flows update state in arrival
 * order, as core's FeatureExtractor does in its input order.
 *
 * <p>Before any model (no initial bundle and none broadcast yet) the flows of each destination
 * host are held in keyed state, at most {@code maxHeldPerHost} per host, and checked every second
 * by a processing-time timer: when a model has arrived they are processed in arrival order; after
 * {@code maxWait} without one they go to the dead letters as UNSCORED (re-encoded as Avro, so
 * they can be replayed), as do flows beyond the per-host bound. Held state and timers return to
 * zero either way.
 *
 * <p>A model with another feature spec clears the context state of every host and pair (it was
 * computed for other settings). Metrics: lateFlows, flowsHeld, flowsUnscored, flowsBeyondPairBound.
 */
public class DestinationFeatures extends KeyedBroadcastProcessFunction<String, FlowEvent, byte[], FlowEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DestinationFeatures.class);
    /** How often a host with held flows checks whether a model has arrived. */
    static final long CHECK_INTERVAL_MS = 1000;

    private final ModelHolder model;
    private final ContextExpiry expiry;
    private final int maxHeldPerHost;
    private final long maxWaitMs;

    private transient MapStateDescriptor<String, byte[]> modelDescriptor;
    private transient ValueStateDescriptor<HostState> hostDescriptor;
    private transient ValueState<HostState> host;
    private transient MapStateDescriptor<String, PairState> pairsDescriptor;
    private transient MapState<String, PairState> pairs;
    private transient ValueStateDescriptor<Integer> pairCountDescriptor;
    private transient ValueState<Integer> pairCount;
    private transient ListState<FlowEvent> held;
    private transient ValueState<Integer> heldCount;
    private transient ValueState<Long> heldSince;
    private transient Counter lateFlows;
    private transient Counter flowsHeld;
    private transient Counter flowsUnscored;
    private transient Counter flowsBeyondPairBound;

    /**
     * @param initialBundle single-object bytes of the verified bundle loaded at start, or null
     * @param stateTtl how long a host's or pair's context lives without a flow
     * @param maxHeldPerHost flows held per destination host before the first model (0 = none: straight to dead letters)
     * @param maxWait how long held flows wait for the first model
     */
    public DestinationFeatures(byte[] initialBundle, Duration stateTtl, int maxHeldPerHost, Duration maxWait) {
        this.model = new ModelHolder(initialBundle, false);
        this.expiry = new ContextExpiry(stateTtl);
        this.maxHeldPerHost = maxHeldPerHost;
        this.maxWaitMs = maxWait.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        modelDescriptor = JobDescriptors.model();
        hostDescriptor = JobDescriptors.destinationHost();
        host = getRuntimeContext().getState(hostDescriptor);
        pairsDescriptor = JobDescriptors.pairs();
        pairs = getRuntimeContext().getMapState(pairsDescriptor);
        pairCountDescriptor = JobDescriptors.pairCount();
        pairCount = getRuntimeContext().getState(pairCountDescriptor);
        held = getRuntimeContext().getListState(JobDescriptors.heldFlows());
        heldCount = getRuntimeContext().getState(JobDescriptors.heldCount());
        heldSince = getRuntimeContext().getState(JobDescriptors.heldSince());
        MetricGroup m = getRuntimeContext().getMetricGroup();
        lateFlows = m.counter("lateFlows");
        flowsHeld = m.counter("flowsHeld");
        flowsUnscored = m.counter("flowsUnscored");
        flowsBeyondPairBound = m.counter("flowsBeyondPairBound");
    }

    @Override
    public void processElement(FlowEvent e, ReadOnlyContext ctx, Collector<FlowEvent> out) throws Exception {
        ModelView m = model.current(ctx.getBroadcastState(modelDescriptor));
        if (m == null) {
            hold(e, ctx);
            return;
        }
        compute(e, m, ctx.timerService(), out);
    }

    private void compute(FlowEvent e, ModelView m, TimerService timers, Collector<FlowEvent> out) throws Exception {
        long watermark = timers.currentWatermark();
        if (e.eventTimeMs < watermark) {
            e.late = true;
            lateFlows.inc();
        }
        FeatureLayout layout = m.layout();
        double[] v = new double[layout.width()];
        layout.computeFlowPart(e.flow, v);
        if (layout.hasContext()) {
            HostState stored = host.value();
            HostState h = ContextStates.host(stored, layout.context());
            layout.computeDestinationPart(h, e.flow, e.eventTimeMs, v);
            host.update(h);
            expiry.armIfNew(stored, h, timers);
            String peer = FlowEvent.sourceKey(e);
            PairState storedPair = pairs.get(peer);
            PairState p = ContextStates.pairToUpdate(storedPair, layout.context());
            layout.computePairPart(p, e.flow, e.eventTimeMs, v);
            if (storedPair != null || claimPairSlot(layout.context().maxPairsPerDestination())) {
                pairs.put(peer, p);
            } else {
                flowsBeyondPairBound.inc();
            }
        }
        e.features = v;
        e.specId = m.specId();
        e.featureModelVersion = m.version();
        out.collect(e);
    }

    /**
     * Counts a new pair in when the destination holds fewer than max pairs. The bound keeps one
     * destination's map small whatever the number of (spoofed) sources: the heap backend copies a
     * key's whole map on its first write after a checkpoint starts, and a flood victim's map of
     * 190,000 pairs stalled the pipeline for 150-550 ms there (docs/speed-history.md).
     */
    private boolean claimPairSlot(int max) throws Exception {
        Integer n = pairCount.value();
        int held = n != null ? n : ContextStates.size(pairs);
        if (held >= max) return false;
        pairCount.update(held + 1);
        return true;
    }

    private void hold(FlowEvent e, ReadOnlyContext ctx) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        Integer n = heldCount.value();
        int count = n == null ? 0 : n;
        if (count >= maxHeldPerHost) {
            unscored(e, ctx, "no model yet, and " + count + " flows of this destination host are already held (limit "
                    + maxHeldPerHost + ")", now);
            return;
        }
        held.add(e);
        heldCount.update(count + 1);
        flowsHeld.inc();
        if (count == 0) {
            heldSince.update(now);
            ctx.timerService().registerProcessingTimeTimer(now + CHECK_INTERVAL_MS);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FlowEvent> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            expiry.expireOrPrune(host, pairs, pairCount, timestamp, ctx.timerService()); // the host's expiry timer
        } else {
            checkHeld(timestamp, ctx, out);
        }
    }

    /** The held flows' check: process them when a model has arrived, give up after maxWait. */
    private void checkHeld(long timestamp, OnTimerContext ctx, Collector<FlowEvent> out) throws Exception {
        Long since = heldSince.value();
        if (since == null) return; // nothing held any more
        ModelView m = model.current(ctx.getBroadcastState(modelDescriptor));
        if (m != null) {
            for (FlowEvent e : held.get()) compute(e, m, ctx.timerService(), out);
            clearHeld();
        } else if (timestamp - since >= maxWaitMs) {
            for (FlowEvent e : held.get()) {
                unscored(e, ctx, "no model arrived within " + Duration.ofMillis(maxWaitMs) + " of the flow", timestamp);
            }
            clearHeld();
        } else {
            ctx.timerService().registerProcessingTimeTimer(timestamp + CHECK_INTERVAL_MS);
        }
    }

    private void clearHeld() {
        held.clear();
        heldCount.clear();
        heldSince.clear();
    }

    private void unscored(FlowEvent e, ReadOnlyContext ctx, String reason, long now) {
        flowsUnscored.inc();
        ctx.output(JobDescriptors.DEAD_LETTERS, DeadLetters.unscored(e, reason, now));
    }

    @Override
    public void processBroadcastElement(byte[] bundle, Context ctx, Collector<FlowEvent> out) throws Exception {
        ModelHolder.Swap swap = model.offer(bundle, ctx.getBroadcastState(modelDescriptor));
        if (swap.specChanged()) {
            LOG.info("feature spec changed with {}: clearing destination-host and pair context", swap.next());
            ctx.applyToKeyedState(hostDescriptor, (key, state) -> state.clear());
            ctx.applyToKeyedState(pairsDescriptor, (key, state) -> state.clear());
            ctx.applyToKeyedState(pairCountDescriptor, (key, state) -> state.clear());
        }
    }

    // For tests: the metric values of this instance.
    long lateFlows() {
        return lateFlows.getCount();
    }

    long flowsHeld() {
        return flowsHeld.getCount();
    }

    long flowsUnscored() {
        return flowsUnscored.getCount();
    }

    long flowsBeyondPairBound() {
        return flowsBeyondPairBound.getCount();
    }
}
