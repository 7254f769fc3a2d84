package org.flowsentry.job.operators;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.features.HostState;
import org.flowsentry.job.JobDescriptors;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.job.support.ContextStates;
import org.flowsentry.job.support.DeadLetters;
import org.flowsentry.job.support.ModelHolder;
import org.flowsentry.job.support.ModelView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by destination host: adds the destination host's context to the vector that
 * {@link SourceFeatures} started. It uses its own copy of the model broadcast for the layout and
 * checks that the vector was laid out for the same feature spec; a flow that crossed a model
 * swap which changed the spec (or that overtook the first model's broadcast) cannot be completed
 * consistently and goes to the dead letters as UNSCORED with the reason. Swaps that keep the spec,
 * the usual retraining case, lose nothing. State has a processing-time TTL.
 * Metric: flowsUnscored.
 */
public class DestinationFeatures extends KeyedBroadcastProcessFunction<String, FlowEvent, byte[], FlowEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DestinationFeatures.class);

    private final ModelHolder model;
    private final Duration stateTtl;

    private transient MapStateDescriptor<String, byte[]> modelDescriptor;
    private transient ValueStateDescriptor<HostState> hostDescriptor;
    private transient ValueState<HostState> host;
    private transient Counter flowsUnscored;

    public DestinationFeatures(byte[] initialBundle, Duration stateTtl) {
        this.model = new ModelHolder(initialBundle, false);
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        modelDescriptor = JobDescriptors.model();
        hostDescriptor = JobDescriptors.destinationHost(stateTtl);
        host = getRuntimeContext().getState(hostDescriptor);
        flowsUnscored = getRuntimeContext().getMetricGroup().counter("flowsUnscored");
    }

    @Override
    public void processElement(FlowEvent e, ReadOnlyContext ctx, Collector<FlowEvent> out) throws Exception {
        ModelView m = model.current(ctx.getBroadcastState(modelDescriptor));
        String problem = mismatch(e, m);
        if (problem != null) {
            flowsUnscored.inc();
            ctx.output(JobDescriptors.DEAD_LETTERS, DeadLetters.unscored(e, problem, ctx.timerService().currentProcessingTime()));
            return;
        }
        FeatureLayout layout = m.layout();
        if (layout.hasContext()) {
            HostState h = ContextStates.host(host.value(), layout.context());
            layout.computeDestinationPart(h, e.flow, e.eventTimeMs, e.features);
            host.update(h);
        }
        out.collect(e);
    }

    /** Why a featured flow cannot go on with this model, or null when it can. */
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
    public void processBroadcastElement(byte[] bundle, Context ctx, Collector<FlowEvent> out) throws Exception {
        ModelHolder.Swap swap = model.offer(bundle, ctx.getBroadcastState(modelDescriptor));
        if (swap.specChanged()) {
            LOG.info("feature spec changed with {}: clearing destination-host context", swap.next());
            ctx.applyToKeyedState(hostDescriptor, (key, state) -> state.clear());
        }
    }

    long flowsUnscored() {
        return flowsUnscored.getCount();
    }
}
