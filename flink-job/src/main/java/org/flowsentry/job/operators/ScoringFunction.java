package org.flowsentry.job.operators;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.features.HostState;
import org.flowsentry.core.model.EnsembleScorer;
import org.flowsentry.core.model.EnsembleVerdict;
import org.flowsentry.job.JobDescriptors;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.job.support.Alerts;
import org.flowsentry.job.support.ContextExpiry;
import org.flowsentry.job.support.ContextStates;
import org.flowsentry.job.support.DeadLetters;
import org.flowsentry.job.support.ModelHolder;
import org.flowsentry.job.support.ModelView;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second keyed operator, keyed by source host (so each host's alerts leave from one subtask,
 * in order): completes the vector that {@link DestinationFeatures} started with the source host's
 * context, scores it with the current model's ensemble and emits an Alert for every flagged
 * flow; with emitScored, every scored flow also goes to the {@code SCORED} side output, and every
 * completed flow goes to the {@code FEATURED} side output (nothing consumes it in the Kafka job;
 * tests compare it with core's features). Features and scoring share one operator because every
 * keyBy between operators costs a serialization of the flow and its vector: a third of the job's
 * CPU went to moving flows between three keyed operators.
 *
 * <p>The model is in broadcast state (initial bundle from the start, newer ones from the model
 * gate) and is swapped atomically: one new immutable scorer replaces the old between two flows.
 * It uses its own copy of the model broadcast and checks that the vector was laid out for the
 * same feature spec; a flow that crossed a model swap which changed the spec (or that overtook
 * the first model's broadcast) cannot be completed consistently and goes to the dead letters as
 * UNSCORED with the reason. Swaps that keep the spec, the usual retraining case, lose nothing; a
 * swap that changes it clears the source-host context. A host's state is dropped once event time
 * passes its last flow by the state TTL ({@link ContextExpiry}).
 *
 * <p>Metrics: flowsScored, alerts per severity (group severity=LOW|MEDIUM|HIGH, counter alerts),
 * flowsUnscored, modelVersion (gauge, -1 before any model), scoringLatencyUs (histogram of the
 * time in the ensemble per flow; shorter without emitScored, when the ensemble stops once a flow
 * cannot be flagged).
 */
public class ScoringFunction extends KeyedBroadcastProcessFunction<String, FlowEvent, byte[], Alert> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ScoringFunction.class);

    private final ModelHolder model;
    private final ContextExpiry expiry;
    private final boolean emitScored;

    private transient MapStateDescriptor<String, byte[]> modelDescriptor;
    private transient ValueStateDescriptor<HostState> hostDescriptor;
    private transient ValueState<HostState> host;
    private transient Counter flowsScored;
    private transient Counter flowsUnscored;
    private transient Map<Severity, Counter> alerts;
    private transient Histogram latencyUs;
    private transient Alerts alertBuilder;
    /** The current model's working arrays for this instance's flows (one thread), so that scoring allocates little. */
    private transient EnsembleScorer.Session session;

    /**
     * @param initialBundle single-object bytes of the verified bundle loaded at start, or null
     * @param stateTtl how long a host's or pair's context lives without a flow
     * @param emitScored whether every scored flow goes to the SCORED side output
     */
    public ScoringFunction(byte[] initialBundle, Duration stateTtl, boolean emitScored) {
        this.model = new ModelHolder(initialBundle, true);
        this.expiry = new ContextExpiry(stateTtl);
        this.emitScored = emitScored;
    }

    @Override
    public void open(OpenContext openContext) {
        modelDescriptor = JobDescriptors.model();
        model.initial(); // parse the initial bundle now, not on the first flow
        hostDescriptor = JobDescriptors.sourceHost();
        host = getRuntimeContext().getState(hostDescriptor);
        MetricGroup m = getRuntimeContext().getMetricGroup();
        flowsScored = m.counter("flowsScored");
        flowsUnscored = m.counter("flowsUnscored");
        alerts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            if (s != Severity.NONE) alerts.put(s, m.addGroup("severity", s.name()).counter("alerts"));
        }
        m.gauge("modelVersion", (Gauge<Long>) () -> {
            ModelView v = model.peek();
            return v == null ? -1L : v.version();
        });
        latencyUs = m.histogram("scoringLatencyUs", new DescriptiveStatisticsHistogram(10_000));
        alertBuilder = new Alerts();
    }

    @Override
    public void processElement(FlowEvent e, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        ModelView m = model.current(ctx.getBroadcastState(modelDescriptor));
        long now = ctx.timerService().currentProcessingTime();
        String problem = mismatch(e, m);
        if (problem != null) {
            flowsUnscored.inc();
            ctx.output(JobDescriptors.DEAD_LETTERS, DeadLetters.unscored(e, problem, now));
            return;
        }
        completeFeatures(e, m.layout(), ctx.timerService());
        ctx.output(JobDescriptors.FEATURED, e);
        EnsembleScorer.Session s = session;
        if (s == null || s.scorer() != m.scorer()) session = s = m.scorer().newSession(); // first flow, or a new model
        long t0 = System.nanoTime();
        // Without the scored output only flagged verdicts are used: the ensemble may skip its dearest detector.
        EnsembleVerdict v = emitScored ? s.score(e.features) : s.scoreIfFlagged(e.features);
        latencyUs.update((System.nanoTime() - t0) / 1000);
        flowsScored.inc();
        Alert alert = null;
        if (v != null && v.flagged()) {
            alert = alertBuilder.of(e, v, m.modelId(), m.version(), now);
            alerts.get(v.severity()).inc();
            out.collect(alert);
        }
        if (emitScored) ctx.output(JobDescriptors.SCORED, alert != null ? alert : alertBuilder.of(e, v, m.modelId(), m.version(), now));
    }

    /** Adds the source host's context to the vector, updating it. */
    private void completeFeatures(FlowEvent e, FeatureLayout layout, TimerService timers) throws Exception {
        if (!layout.hasContext()) return;
        HostState stored = host.value();
        HostState h = ContextStates.host(stored, layout.context());
        layout.computeSourcePart(h, e.flow, e.eventTimeMs, e.features);
        host.update(h);
        expiry.armIfNew(stored, h, timers);
    }

    /** The host's expiry timer: drop its state, or arm it again. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        expiry.expireOrRearm(host, timestamp, ctx.timerService());
    }

    /** Why a flow from DestinationFeatures cannot be completed and scored with this model, or null when it can. */
    static String mismatch(FlowEvent e, ModelView m) {
        if (m == null) {
            return "features laid out for model v" + e.featureModelVersion + " but no model has reached this operator yet";
        }
        if (m.specId() != e.specId) {
            return "the feature spec changed while the flow was in flight: laid out for model v" + e.featureModelVersion
                    + ", this operator has " + m;
        }
        return null;
    }

    @Override
    public void processBroadcastElement(byte[] bundle, Context ctx, Collector<Alert> out) throws Exception {
        ModelHolder.Swap swap = model.offer(bundle, ctx.getBroadcastState(modelDescriptor));
        if (swap.installed()) LOG.info("scoring with model {} (was {})", swap.next(), swap.previous());
        else LOG.info("ignoring model {}: not newer than {}", swap.next(), swap.previous());
        if (swap.specChanged()) {
            LOG.info("feature spec changed with {}: clearing source-host context", swap.next());
            ctx.applyToKeyedState(hostDescriptor, (key, state) -> state.clear());
        }
    }

    // For tests: the metric values of this instance.
    long flowsScored() {
        return flowsScored.getCount();
    }

    long flowsUnscored() {
        return flowsUnscored.getCount();
    }

    long alerts(Severity s) {
        return alerts.get(s).getCount();
    }

    long latencySamples() {
        return latencyUs.getCount();
    }
}
