package org.flowsentry.job.data;

import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.job.serialization.FlowEventSerializer;
import org.flowsentry.job.serialization.FlowEventTypeInfoFactory;
import org.flowsentry.schema.FlowRecord;

/**
 * A decoded flow on its way through the job: the flow, its event time, where it came from, and
 * (after the feature operators) its raw feature vector and the feature spec that laid it out.
 * Flink serializes it with {@link FlowEventSerializer} wherever it goes (the annotation makes
 * every stream and state of this type use it): a field added here must be added there too.
 */
@TypeInfo(FlowEventTypeInfoFactory.class)
public class FlowEvent {
    public FlowRecord flow;
    /** {@link FeatureLayout#eventTime}: the flow's start, or the Kafka timestamp when it has none. */
    public long eventTimeMs;
    public String topic;
    public int partition;
    public long offset;
    /** Raw (unscaled) feature vector; null until the source-host operator fills it. */
    public double[] features;
    /** Fingerprint of the feature spec the vector was laid out for (see ModelView#specId). */
    public long specId;
    /** Version of the model whose layout the source-host operator used. */
    public long featureModelVersion;
    /** True when the flow was behind the watermark at the source-host operator. */
    public boolean late;

    public FlowEvent() {}

    public FlowEvent(FlowRecord flow, long eventTimeMs, String topic, int partition, long offset) {
        this.flow = flow;
        this.eventTimeMs = eventTimeMs;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    /** Key of the source host's context (flows without a source address share one). */
    public static String sourceKey(FlowEvent e) {
        return FeatureLayout.addressKey(e.flow.getSrcAddr());
    }

    /** Key of the destination host's context. */
    public static String destinationKey(FlowEvent e) {
        return FeatureLayout.addressKey(e.flow.getDstAddr());
    }

    @Override
    public String toString() {
        return "FlowEvent{" + flow.getSrcAddr() + " -> " + flow.getDstAddr() + " at " + eventTimeMs
                + (features == null ? "" : ", " + features.length + " features") + (late ? ", late" : "") + "}";
    }
}
