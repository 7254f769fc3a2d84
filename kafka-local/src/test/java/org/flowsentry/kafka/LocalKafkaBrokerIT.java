package org.flowsentry.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flowsentry.kafka.LocalKafkaBroker.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real broker JVM: produce and consume, restart on the same data, parallel brokers, failures. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LocalKafkaBrokerIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> EXPECTED = IntStream.range(0, 1000)
            .mapToObj(i -> String.format("key-%04d=value-%04d", i, i)).toList();

    @Test
    void recordsSurviveARestartOnTheSameDataDir(@TempDir Path dir) {
        Options options = Options.defaults(dir);
        String clusterId;
        ProcessHandle firstProcess;
        try (LocalKafkaBroker broker = startTimed(options, "new data dir")) {
            broker.createTopics(TopicSpec.of("events", 3));
            broker.createTopics(TopicSpec.of("events", 3)); // idempotent
            produce(broker.bootstrapServers(), "events", EXPECTED);
            assertThat(consumeSorted(broker.bootstrapServers(), "events", "first-reader", EXPECTED.size()))
                    .isEqualTo(EXPECTED);
            clusterId = broker.clusterId();
            firstProcess = broker.process();
            assertThat(firstProcess.isAlive()).isTrue();
        }
        assertThat(firstProcess.isAlive()).as("broker JVM after close").isFalse();

        // Same data dir, asked for another cluster: refused before any process starts.
        String otherId = org.apache.kafka.common.Uuid.randomUuid().toString();
        assertThatThrownBy(() -> new LocalKafkaBroker(options.withClusterId(otherId)).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds cluster " + clusterId)
                .hasMessageContaining(otherId);

        try (LocalKafkaBroker broker = startTimed(options, "restart")) {
            assertThat(broker.clusterId()).isEqualTo(clusterId);
            assertThat(consumeSorted(broker.bootstrapServers(), "events", "second-reader", EXPECTED.size()))
                    .isEqualTo(EXPECTED);
            // The first group's committed offsets survived too (__consumer_offsets with one replica).
            assertThat(committedTotal(broker.bootstrapServers(), "events", "first-reader", 3))
                    .isEqualTo(EXPECTED.size());
        }
    }

    @Test
    void twoBrokersRunSideBySideOnFreePorts(@TempDir Path a, @TempDir Path b) throws Exception {
        CompletableFuture<LocalKafkaBroker> startA = CompletableFuture.supplyAsync(() -> startTimed(Options.defaults(a), "parallel A"));
        CompletableFuture<LocalKafkaBroker> startB = CompletableFuture.supplyAsync(() -> startTimed(Options.defaults(b), "parallel B"));
        try (LocalKafkaBroker brokerA = startA.get(); LocalKafkaBroker brokerB = startB.get()) {
            assertThat(brokerA.port()).isNotEqualTo(brokerB.port());
            assertThat(brokerA.clusterId()).isNotEqualTo(brokerB.clusterId());
            brokerA.createTopics(TopicSpec.of("only-on-a", 1));
            brokerB.createTopics(TopicSpec.of("only-on-b", 1));
            produce(brokerA.bootstrapServers(), "only-on-a", List.of("k=from-a"));
            produce(brokerB.bootstrapServers(), "only-on-b", List.of("k=from-b"));
            assertThat(consumeSorted(brokerA.bootstrapServers(), "only-on-a", "g", 1)).containsExactly("k=from-a");
            assertThat(consumeSorted(brokerB.bootstrapServers(), "only-on-b", "g", 1)).containsExactly("k=from-b");
            assertThat(topicNames(brokerA.bootstrapServers())).contains("only-on-a").doesNotContain("only-on-b");
            assertThat(topicNames(brokerB.bootstrapServers())).contains("only-on-b").doesNotContain("only-on-a");
        } finally {
            // If one start failed, still stop the other.
            startA.thenAccept(LocalKafkaBroker::close);
            startB.thenAccept(LocalKafkaBroker::close);
        }
    }

    @Test
    void badOptionsFailWithClearMessages(@TempDir Path dir) {
        Options options = Options.defaults(dir);
        assertThatThrownBy(() -> options.withPort(70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port").hasMessageContaining("70000");
        assertThatThrownBy(() -> options.withNodeId(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodeId");
        assertThatThrownBy(() -> options.withHeap("lots"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heap").hasMessageContaining("lots");
        assertThatThrownBy(() -> options.withClusterId("my-cluster"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clusterId");
        assertThatThrownBy(() -> options.withBrokerProperty("listeners", "PLAINTEXT://0.0.0.0:9092"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listeners");
        assertThatThrownBy(() -> options.withStartTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startTimeout");
        assertThatThrownBy(() -> TopicSpec.of("bad name", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad name");
        assertThatThrownBy(() -> TopicSpec.of("t", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partitions");
        assertThatThrownBy(() -> new LocalKafkaBroker(options).bootstrapServers())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
    }

    @Test
    void aBrokerThatDiesWhileStartingFailsFastWithItsLog(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            LocalKafkaBroker broker = new LocalKafkaBroker(Options.defaults(dir).withPort(taken.getLocalPort()));
            long start = System.nanoTime();
            assertThatThrownBy(broker::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exited with code")
                    .hasMessageContaining("broker.log")
                    .hasMessageContaining("Address already in use");
            System.out.printf("LocalKafkaBrokerIT: port-in-use failure reported after %d ms%n",
                    (System.nanoTime() - start) / 1_000_000);
            assertThat(broker.process().isAlive()).isFalse();
        }
    }

    private static LocalKafkaBroker startTimed(Options options, String what) {
        long start = System.nanoTime();
        LocalKafkaBroker broker = new LocalKafkaBroker(options).start();
        System.out.printf("LocalKafkaBrokerIT: broker ready in %d ms (%s)%n", (System.nanoTime() - start) / 1_000_000, what);
        return broker;
    }

    /** Sends "key=value" lines as records and waits for every acknowledgement. */
    static void produce(String bootstrap, String topic, List<String> keyValues) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WAIT.toMillis());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            var sent = keyValues.stream().map(kv -> {
                String[] parts = kv.split("=", 2);
                return producer.send(new ProducerRecord<>(topic, parts[0], parts[1]));
            }).toList();
            producer.flush();
            for (var ack : sent) {
                ack.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new AssertionError("produce to " + topic + " failed", e);
        }
    }

    /** Reads the topic from the start in a consumer group until {@code count} records or the wait ends; commits. */
    static List<String> consumeSorted(String bootstrap, String topic, String group, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (seen.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(r.key() + "=" + r.value());
                }
            }
            // A short extra poll catches duplicates or extra records beyond the expected count.
            consumer.poll(Duration.ofMillis(500)).forEach(r -> seen.add(r.key() + "=" + r.value()));
            consumer.commitSync(WAIT);
        }
        return seen.stream().sorted().toList();
    }

    private static long committedTotal(String bootstrap, String topic, String group, int partitions) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            var tps = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).collect(java.util.stream.Collectors.toSet());
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(tps, WAIT);
            return committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private static java.util.Set<String> topicNames(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.listTopics().names().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
