package org.flowsentry.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flowsentry.kafka.LocalKafkaBroker.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The FlowSentry topics on a real broker: created idempotently, with the settings the product relies on. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FlowSentryTopicsIT {

    private static final long WAIT_SECONDS = 60;

    @Test
    void createsEveryTopicOnceAndModelsTakeLargeBundles(@TempDir Path dir) throws Exception {
        try (LocalKafkaBroker broker = new LocalKafkaBroker(Options.defaults(dir)).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            FlowSentryTopics.createAll(broker.bootstrapServers());
            FlowSentryTopics.createAll(broker.bootstrapServers()); // idempotent

            List<String> names = List.of(FlowSentryTopics.FLOWS, FlowSentryTopics.ALERTS, FlowSentryTopics.MODELS,
                    FlowSentryTopics.FLOWS_DLQ, FlowSentryTopics.FEEDBACK);
            Map<String, TopicDescription> described =
                    admin.describeTopics(names).allTopicNames().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(described.keySet()).containsExactlyInAnyOrderElementsOf(names);
            described.values().forEach(t -> assertThat(t.partitions()).as(t.name()).hasSize(1));

            Map<String, String> models = topicConfig(admin, FlowSentryTopics.MODELS);
            assertThat(models).containsEntry("max.message.bytes", "16777216").containsEntry("retention.ms", "-1")
                    .containsEntry("cleanup.policy", "delete");
            assertThat(topicConfig(admin, FlowSentryTopics.FEEDBACK)).containsEntry("retention.ms", "-1");
            assertThat(topicConfig(admin, FlowSentryTopics.FLOWS)).containsEntry("retention.ms", "604800000");

            // A 10 MiB bundle goes through with only the producer's limit raised; 17 MiB is refused by the topic.
            byte[] bundle = new byte[10 * 1024 * 1024];
            new Random(7).nextBytes(bundle);
            Properties producerProps = new Properties();
            producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            producerProps.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 32 * 1024 * 1024);
            producerProps.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
            try (KafkaProducer<byte[], byte[]> producer =
                         new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(FlowSentryTopics.MODELS, "model-1".getBytes(), bundle))
                        .get(WAIT_SECONDS, TimeUnit.SECONDS);
                byte[] tooLarge = new byte[17 * 1024 * 1024];
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(FlowSentryTopics.MODELS, tooLarge))
                        .get(WAIT_SECONDS, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RecordTooLargeException.class);
            }

            Properties consumerProps = new Properties();
            consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "model-reader");
            try (KafkaConsumer<byte[], byte[]> consumer =
                         new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(FlowSentryTopics.MODELS));
                ConsumerRecord<byte[], byte[]> read = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
                while (read == null && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        read = r;
                    }
                }
                assertThat(read).as("the bundle read back").isNotNull();
                assertThat(new String(read.key())).isEqualTo("model-1");
                assertThat(Arrays.equals(read.value(), bundle)).as("bundle bytes equal").isTrue();
            }
        }
    }

    private static Map<String, String> topicConfig(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(WAIT_SECONDS, TimeUnit.SECONDS).get(resource);
        return config.entries().stream().collect(Collectors.toMap(e -> e.name(), e -> e.value() == null ? "" : e.value()));
    }
}
