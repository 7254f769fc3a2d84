package org.flowsentry.job.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flowsentry.job.kafka.KafkaJobFixtures.alertId;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.flowsentry.core.bundle.TestBundles;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.job.FlowSentryJob;
import org.flowsentry.job.JobConfig;
import org.flowsentry.job.TestModels;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.DeadLetter;
import org.flowsentry.schema.FlowRecord;
import org.flowsentry.schema.ModelBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input of every kind, interleaved with valid flows on a real broker: each bad message is one
 * dead letter with its reason, its bytes and its Kafka coordinates, and every valid flow is still
 * scored. Nothing is lost: messages in = scored flows + dead letters.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DeadLettersIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).setConfiguration(KafkaJobFixtures.noRestarts()).build());

    static final int MAX_MESSAGE_BYTES = 4096;

    @TempDir
    static Path dir;
    @RegisterExtension
    static final KafkaItExtension KAFKA = new KafkaItExtension();

    /** One bad message: its bytes, and what the dead letter must say about it. */
    record Bad(byte[] value, String errorType, String reason) {
        /** What the dead letter keeps of the message: all of it, or the first bytes of an oversized one. */
        byte[] kept() {
            return value == null ? new byte[0] : Arrays.copyOf(value, Math.min(value.length, MAX_MESSAGE_BYTES));
        }
    }

    /** The bad messages, one of each kind per round, from valid flows spoiled in different ways. */
    static List<Bad> badMessages(FlowRecord f, int round, Random random) {
        byte[] valid = AvroWire.FLOW_RECORD.encode(f);
        byte[] noise = new byte[5_000];
        random.nextBytes(noise);
        FlowRecord huge = FlowRecord.newBuilder(f).setLabel("x".repeat(5_000)).build(); // a valid flow, too large
        return List.of(
                new Bad(("garbage " + round).getBytes(UTF_8), "UNDECODABLE", "not Avro single-object encoding"),
                new Bad(Arrays.copyOf(valid, 14), "UNDECODABLE", "corrupt FlowRecord message"),
                new Bad(null, "UNDECODABLE", "empty message"),
                new Bad(AvroWire.FLOW_RECORD.encode(FlowRecord.newBuilder(f).setSrcBytes(-5L).build()), "INVALID", "negative srcBytes: -5"),
                new Bad(AvroWire.FLOW_RECORD.encode(FlowRecord.newBuilder(f).setDstPackets(-1L).build()), "INVALID", "negative dstPackets: -1"),
                new Bad(AvroWire.FLOW_RECORD.encode(FlowRecord.newBuilder(f).setSrcAddr("10.0.0.999").build()), "INVALID",
                        "unparseable srcAddr: '10.0.0.999'"),
                new Bad(AvroWire.FLOW_RECORD.encode(FlowRecord.newBuilder(f).setDstAddr("not-an-address").build()), "INVALID",
                        "unparseable dstAddr: 'not-an-address'"),
                new Bad(AvroWire.FLOW_RECORD.encode(FlowRecord.newBuilder(f).setFeatures(Map.of("rate", Double.NaN)).build()), "INVALID",
                        "feature 'rate' is not finite: NaN"),
                new Bad(noise, "OVERSIZED", "message of 5000 bytes exceeds the limit of 4096 bytes"),
                new Bad(AvroWire.FLOW_RECORD.encode(huge), "OVERSIZED", "exceeds the limit of 4096 bytes"));
    }

    @Test
    void everyBadMessageBecomesOneDeadLetterWithItsReasonAndCoordinatesAndNoFlowIsLost() {
        String name = "dead-letters";
        JobTopics topics = JobTopics.create(KAFKA.broker(), name, 2);
        ModelBundle model = TestModels.sign(TestBundles.kmeans(1));
        JobConfig config = KafkaJobFixtures.config(KAFKA.broker().bootstrapServers(), topics,
                        KafkaJobFixtures.writeBundle(dir.resolve(name), model), KafkaJobFixtures.writeTrustedKey(dir.resolve(name)), name)
                .with(JobConfig.INPUT_MAX_MESSAGE_SIZE, MemorySize.parse(MAX_MESSAGE_BYTES + "b"));

        // 2,000 valid flows; after every 100th, one bad message of each kind (keyed, to check the key is kept too).
        List<FlowRecord> flows = KafkaJobFixtures.attackScenario().subList(0, 2_000);
        List<ProducerRecord<byte[], byte[]>> messages = new ArrayList<>();
        List<Bad> bad = new ArrayList<>();
        List<Integer> badPositions = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < flows.size(); i++) {
            messages.add(KafkaJobFixtures.flowMessage(topics, messages.size(), flows.get(i)));
            if (i % 100 == 99) {
                for (Bad b : badMessages(flows.get(i), i / 100, random)) {
                    badPositions.add(messages.size());
                    bad.add(b);
                    byte[] key = ("bad-" + bad.size()).getBytes(UTF_8);
                    messages.add(new ProducerRecord<>(topics.flows(), messages.size() % 2, key, b.value()));
                }
            }
        }

        long start = System.nanoTime();
        List<RecordMetadata> written;
        try (JobRun job = JobRun.start(new FlowSentryJob(config), KafkaJobFixtures.environment())) {
            written = KAFKA.client().sendAll(messages);
            KAFKA.client().await(topics.deadLetters(), IsolationLevel.READ_UNCOMMITTED, bad.size() + " dead letters",
                    r -> r.size() >= bad.size(), job::assertRunning);
            KAFKA.client().await(topics.scored(), IsolationLevel.READ_UNCOMMITTED, flows.size() + " scored flows",
                    r -> r.size() >= flows.size(), job::assertRunning);
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        List<ConsumerRecord<byte[], byte[]>> deadRecords = KAFKA.client().readAll(topics.deadLetters(), IsolationLevel.READ_UNCOMMITTED);
        List<DeadLetter> dead = deadRecords.stream().map(KafkaJobFixtures::deadLetter).toList();
        List<Alert> scored = KAFKA.client().readAll(topics.scored(), IsolationLevel.READ_UNCOMMITTED).stream().map(KafkaJobFixtures::alert).toList();

        // Nothing lost, nothing twice: messages in = scored + dead letters, and each valid flow scored once.
        assertThat(scored.size() + dead.size()).isEqualTo(messages.size());
        assertThat(scored.stream().map(Alert::getAlertId).toList()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                flows.stream().map(f -> alertId(f, model.getModelId(), model.getModelVersion())).collect(Collectors.toSet()));

        // Each bad message is exactly one dead letter, found by its Kafka coordinates, with the expected reason and bytes.
        Map<String, DeadLetter> byCoordinates = new TreeMap<>();
        for (DeadLetter d : dead) {
            DeadLetter previous = byCoordinates.put(d.getPartition() + "@" + d.getOffset(), d);
            assertThat(previous).as("a second dead letter for %s@%s", d.getPartition(), d.getOffset()).isNull();
        }
        assertThat(byCoordinates).hasSize(bad.size());
        for (int n = 0; n < bad.size(); n++) {
            Bad b = bad.get(n);
            RecordMetadata where = written.get(badPositions.get(n));
            DeadLetter d = byCoordinates.get(where.partition() + "@" + where.offset());
            assertThat(d).as("dead letter for bad message %d (%s) at %s-%d@%d", n, b.reason(), where.topic(), where.partition(), where.offset())
                    .isNotNull();
            assertThat(d.getSource()).isEqualTo(topics.flows());
            assertThat(d.getSourceTimestampMs()).isEqualTo(where.timestamp());
            assertThat(d.getErrorType()).isEqualTo(b.errorType());
            assertThat(d.getReason()).contains(b.reason());
            assertThat(d.getFormat()).isEqualTo("avro");
            assertThat(KafkaJobFixtures.bytes(d.getRawData())).isEqualTo(b.kept());
            assertThat(KafkaJobFixtures.bytes(d.getRawKey())).isEqualTo(("bad-" + (n + 1)).getBytes(UTF_8));
            assertThat(d.getFailedAtMs()).isPositive();
        }

        Map<String, Long> byType = dead.stream().collect(Collectors.groupingBy(DeadLetter::getErrorType, TreeMap::new, Collectors.counting()));
        Set<Integer> partitions = dead.stream().map(DeadLetter::getPartition).collect(Collectors.toSet());
        assertThat(partitions).as("bad messages came from both flow partitions").containsExactlyInAnyOrder(0, 1);
        System.out.printf("DeadLettersIT: %d messages in = %d scored + %d dead letters %s; %d ms%n",
                messages.size(), scored.size(), dead.size(), byType, elapsedMs);
    }
}
