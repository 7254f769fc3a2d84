package org.flowsentry.job.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flowsentry.job.kafka.KafkaJobFixtures.alertId;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.flowsentry.core.generate.ScenarioKind;
import org.flowsentry.job.FlowSentryJob;
import org.flowsentry.job.JobConfig;
import org.flowsentry.job.TestModels;
import org.flowsentry.job.TrainedBundles;
import org.flowsentry.job.kafka.KafkaJobFixtures.AlertView;
import org.flowsentry.job.support.AlertFormat;
import org.flowsentry.schema.FlowRecord;
import org.flowsentry.schema.ModelBundle;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The job as main runs it ({@link FlowSentryJob#runOnKafka}), at parallelism 2, against a real
 * broker: a generated scenario with three attacks goes in as Avro FlowRecords, alerts come out on
 * the alerts topic, keyed by source address, in the configured format.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FlowsToAlertsIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).setConfiguration(KafkaJobFixtures.noRestarts()).build());

    @TempDir
    static Path dir;
    @RegisterExtension
    static final KafkaItExtension KAFKA = new KafkaItExtension();

    @ParameterizedTest
    @EnumSource(AlertFormat.class)
    void attackFlowsBecomeAlertsKeyedBySourceAddress(AlertFormat format) {
        String name = "flows-to-alerts-" + format.name().toLowerCase();
        JobTopics topics = JobTopics.create(KAFKA.broker(), name, 2);
        List<FlowRecord> flows = KafkaJobFixtures.attackScenario();
        ModelBundle v1 = TestModels.sign(TrainedBundles.fit(1));
        JobConfig config = KafkaJobFixtures.config(KAFKA.broker().bootstrapServers(), topics,
                        KafkaJobFixtures.writeBundle(dir.resolve(name), v1), KafkaJobFixtures.writeTrustedKey(dir.resolve(name)), name)
                .with(JobConfig.ALERT_FORMAT, format);

        long start = System.nanoTime();
        List<ConsumerRecord<byte[], byte[]>> alertRecords;
        try (JobRun job = JobRun.start(new FlowSentryJob(config), KafkaJobFixtures.environment())) {
            KAFKA.client().sendAll(KafkaJobFixtures.flowMessages(topics, flows, 0));
            List<ConsumerRecord<byte[], byte[]>> scoredSoFar = KAFKA.client().await(topics.scored(), IsolationLevel.READ_UNCOMMITTED,
                    "a scored record for each of the " + flows.size() + " flows", r -> r.size() >= flows.size(), job::assertRunning);
            long flaggedSoFar = scoredSoFar.stream().filter(r -> AlertView.of(r, format).flagged()).count();
            alertRecords = KAFKA.client().await(topics.alerts(), IsolationLevel.READ_UNCOMMITTED, flaggedSoFar + " alerts",
                    r -> r.size() >= flaggedSoFar, job::assertRunning);
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        // Read everything once more after the job stopped: nothing beyond what was expected may have arrived.
        List<AlertView> scored = KAFKA.client().readAll(topics.scored(), IsolationLevel.READ_UNCOMMITTED).stream()
                .map(r -> AlertView.of(r, format)).toList();
        alertRecords = KAFKA.client().readAll(topics.alerts(), IsolationLevel.READ_UNCOMMITTED);
        List<AlertView> alerts = alertRecords.stream().map(r -> AlertView.of(r, format)).toList();
        int deadLetters = KAFKA.client().readAll(topics.deadLetters(), IsolationLevel.READ_UNCOMMITTED).size();

        // Every flow was scored once, by the initial model, and nothing became a dead letter.
        Set<String> expectedIds = flows.stream().map(f -> alertId(f, v1.getModelId(), 1)).collect(Collectors.toSet());
        assertThat(expectedIds).as("generated flows are distinct").hasSize(flows.size());
        assertThat(scored).hasSize(flows.size());
        assertThat(scored.stream().map(AlertView::alertId).collect(Collectors.toSet())).isEqualTo(expectedIds);
        assertThat(deadLetters).isZero();

        // The alerts are exactly the flagged scored flows, once each, decodable, keyed by source address.
        Set<String> flaggedIds = scored.stream().filter(AlertView::flagged).map(AlertView::alertId).collect(Collectors.toSet());
        assertThat(alerts.stream().map(AlertView::alertId).toList()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(flaggedIds);
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.flagged()).isTrue();
            assertThat(a.modelVersion()).isEqualTo(1L);
            assertThat(a.severity()).isIn("LOW", "MEDIUM", "HIGH");
            assertThat(a.detectors()).isEqualTo(3);
        });
        Map<String, Set<Integer>> partitionsByHost = new HashMap<>();
        Map<String, List<Long>> detectionTimesByHost = new HashMap<>(); // per host, in the order a consumer reads them
        for (int i = 0; i < alertRecords.size(); i++) {
            ConsumerRecord<byte[], byte[]> r = alertRecords.get(i);
            AlertView a = alerts.get(i);
            assertThat(r.key()).as("key of %s", a.alertId()).isEqualTo(a.srcAddr().getBytes(UTF_8));
            partitionsByHost.computeIfAbsent(a.srcAddr(), k -> new HashSet<>()).add(r.partition());
            detectionTimesByHost.computeIfAbsent(a.srcAddr(), k -> new ArrayList<>()).add(a.detectedAtMs());
        }
        assertThat(partitionsByHost.values()).as("every host's alerts in one partition").allSatisfy(p -> assertThat(p).hasSize(1));
        assertThat(detectionTimesByHost.values()).as("every host's alerts in detection order").allSatisfy(t -> assertThat(t).isSorted());

        // Detection: each attack's flows arrive as alerts; benign traffic mostly does not.
        Map<String, Long> flowsByLabel = flows.stream().collect(Collectors.groupingBy(FlowRecord::getLabel, TreeMap::new, Collectors.counting()));
        Map<String, Long> alertsByLabel = alerts.stream().collect(Collectors.groupingBy(AlertView::label, TreeMap::new, Collectors.counting()));
        for (ScenarioKind attack : KafkaJobFixtures.ATTACKS) {
            assertThat((double) alertsByLabel.getOrDefault(attack.label(), 0L) / flowsByLabel.get(attack.label()))
                    .as(attack.label() + " alerted share").isGreaterThan(0.9);
        }
        assertThat((double) alertsByLabel.getOrDefault("BENIGN", 0L) / flowsByLabel.get("BENIGN")).as("benign alerted share").isLessThan(0.1);

        System.out.printf("FlowsToAlertsIT[%s]: %d flows in (%s) -> %d scored, %d alerts (%s) on %d hosts, %d dead letters; %d ms%n",
                format, flows.size(), flowsByLabel, scored.size(), alerts.size(), alertsByLabel, partitionsByHost.size(), deadLetters, elapsedMs);
    }
}
