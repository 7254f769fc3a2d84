package org.flowsentry.job.operators;

import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.flowsentry.core.model.EnsembleVerdict;
import org.flowsentry.job.JobDescriptors;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.job.support.Alerts;
import org.flowsentry.job.support.DeadLetters;
import org.flowsentry.job.support.ModelHolder;
import org.flowsentry.job.support.ModelView;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by source host (so each host's alerts leave from one subtask, in order): scores the
 * completed feature vector with the current model's ensemble and emits an Alert for every
 * flagged flow; with emitScored, every scored flow also goes to the {@code SCORED} side output.
 * The model is in broadcast state (initial bundle from the start, newer ones from the model
 * gate) and is swapped atomically: one new immutable scorer replaces the old between two flows.
 *
 * <p>A flow whose vector was laid out for another feature spec goes to the dead letters as
 * UNSCORED (see {@link DestinationFeatures}). Metrics: flowsScored, alerts per severity
 * (group severity=LOW|MEDIUM|HIGH, counter alerts), flowsUnscored, modelVersion (gauge, -1
 * before any model), scoringLatencyUs (histogram of the time in the ensemble per flow).
 */
public class ScoringFunction extends KeyedBroadcastProcessFunction<String, FlowEvent, byte[], Alert> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ScoringFunction.class);

    private final ModelHolder model;
    private final boolean emitScored;

    private transient MapStateDescriptor<String, byte[]> modelDescriptor;
    private transient Counter flowsScored;
    private transient Counter flowsUnscored;
    private transient Map<Severity, Counter> alerts;
    private transient Histogram latencyUs;

    public ScoringFunction(byte[] initialBundle, boolean emitScored) {
        this.model = new ModelHolder(initialBundle, true);
        this.emitScored = emitScored;
    }

    @Override
    public void open(OpenContext openContext) {
        modelDescriptor = JobDescriptors.model();
        model.initial(); // parse the initial bundle now, not on the first flow
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
    }

    @Override
    public void processElement(FlowEvent e, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        ModelView m = model.current(ctx.getBroadcastState(modelDescriptor));
        long now = ctx.timerService().currentProcessingTime();
        String problem = DestinationFeatures.mismatch(e, m);
        if (problem != null) {
            flowsUnscored.inc();
            ctx.output(JobDescriptors.DEAD_LETTERS, DeadLetters.unscored(e, problem, now));
            return;
        }
        long t0 = System.nanoTime();
        EnsembleVerdict v = m.scorer().score(e.features);
        latencyUs.update((System.nanoTime() - t0) / 1000);
        flowsScored.inc();
        Alert alert = null;
        if (v.flagged()) {
            alert = Alerts.of(e, v, m.modelId(), m.version(), now);
            alerts.get(v.severity()).inc();
            out.collect(alert);
        }
        if (emitScored) ctx.output(JobDescriptors.SCORED, alert != null ? alert : Alerts.of(e, v, m.modelId(), m.version(), now));
    }

    @Override
    public void processBroadcastElement(byte[] bundle, Context ctx, Collector<Alert> out) throws Exception {
        ModelHolder.Swap swap = model.offer(bundle, ctx.getBroadcastState(modelDescriptor));
        if (swap.installed()) LOG.info("scoring with model {} (was {})", swap.next(), swap.previous());
        else LOG.info("ignoring model {}: not newer than {}", swap.next(), swap.previous());
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
