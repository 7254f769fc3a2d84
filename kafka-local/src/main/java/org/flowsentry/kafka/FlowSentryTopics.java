package org.flowsentry.kafka;

import java.util.List;

/**
 * The Kafka topics FlowSentry uses, with the settings it creates them with, and one call that
 * creates them all (idempotent); used by {@code flowsentry kafka} and by tests.
 *
 * <p>Every topic has one partition: on a single local broker one partition is never the
 * bottleneck, and it keeps a total order, so replays are deterministic and the job's event-time
 * watermarks never wait on an idle partition. A production cluster creates its own topics.
 */
public final class FlowSentryTopics {

    /** Flow records from exporters and replays (JSON or Avro); the job's input. */
    public static final String FLOWS = "flows";
    /** Alerts from the job. */
    public static final String ALERTS = "alerts";
    /** Signed model bundles from the trainer; the job broadcasts the latest. */
    public static final String MODELS = "models";
    /** Flow messages the job could not decode, with the reason. */
    public static final String FLOWS_DLQ = "flows-dlq";
    /** Operator feedback on alerts, for retraining. */
    public static final String FEEDBACK = "feedback";

    /** Largest model bundle message: 16 MiB (the broker default is 1 MiB). */
    public static final int MODELS_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private FlowSentryTopics() {
    }

    /**
     * The topics with their settings. {@code models} and {@code feedback} never expire by time
     * ({@code retention.ms=-1}): the job must find the current model however long ago it was
     * published, and feedback is training data. {@code models} is a plain (delete-policy) topic
     * rather than a compacted one: compaction needs every bundle keyed, never touches the active
     * segment (so at a few bundles per retraining it would not save space anyway), and readers
     * must replay the topic to the end either way; the last record is the current model.
     * Producers of bundles must raise {@code max.request.size} to match.
     */
    public static List<TopicSpec> all() {
        return List.of(
                TopicSpec.of(FLOWS, 1),
                TopicSpec.of(ALERTS, 1),
                TopicSpec.of(MODELS, 1)
                        .withConfig("max.message.bytes", Integer.toString(MODELS_MAX_MESSAGE_BYTES))
                        .withConfig("retention.ms", "-1"),
                TopicSpec.of(FLOWS_DLQ, 1),
                TopicSpec.of(FEEDBACK, 1).withConfig("retention.ms", "-1"));
    }

    /** Creates every FlowSentry topic that does not exist yet on the cluster at {@code bootstrapServers}. */
    public static void createAll(String bootstrapServers) {
        TopicSpec.createAll(bootstrapServers, all());
    }
}
