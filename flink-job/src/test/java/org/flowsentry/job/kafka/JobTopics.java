package org.flowsentry.job.kafka;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.flowsentry.kafka.FlowSentryTopics;
import org.flowsentry.kafka.LocalKafkaBroker;
import org.flowsentry.kafka.TopicSpec;

/**
 * The five topics of one test, with names no other test uses ({@code <test>-<n>-flows}, ...), so
 * tests sharing a broker never read each other's records or committed offsets.
 *
 * @param flowPartitions partitions of the flows topic (alerts and scored flows get 2, the others 1)
 */
public record JobTopics(String flows, String alerts, String scored, String models, String deadLetters, int flowPartitions) {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** Creates a fresh topic set on the broker; the models topic takes bundles up to 16 MiB, as FlowSentryTopics makes it. */
    public static JobTopics create(LocalKafkaBroker broker, String test, int flowPartitions) {
        String p = test + "-" + SEQUENCE.incrementAndGet() + "-";
        JobTopics t = new JobTopics(p + "flows", p + "alerts", p + "scored", p + "models", p + "dead-letters", flowPartitions);
        broker.createTopics(List.of(
                TopicSpec.of(t.flows, flowPartitions),
                // Alerts carry the flow's start as their Kafka timestamp, and the generated flows are from
                // 2026-01-05: without this, time retention (7 days) would delete them at its next check.
                TopicSpec.of(t.alerts, 2).withConfig("retention.ms", "-1"),
                TopicSpec.of(t.scored, 2).withConfig("retention.ms", "-1"),
                TopicSpec.of(t.models, 1).withConfig("max.message.bytes", Integer.toString(FlowSentryTopics.MODELS_MAX_MESSAGE_BYTES)),
                TopicSpec.of(t.deadLetters, 1)));
        return t;
    }
}
