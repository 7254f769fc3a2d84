package org.flowsentry.job.kafka;

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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.job.FlowSentryJob;
import org.flowsentry.job.JobConfig;
import org.flowsentry.job.TestFlows;
import org.flowsentry.job.TestModels;
import org.flowsentry.job.TrainedBundles;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.DeadLetter;
import org.flowsentry.schema.FlowRecord;
import org.flowsentry.schema.ModelBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newer signed bundle published on the models topic while flows keep coming replaces the
 * initial model in every scorer without a restart; an unsigned and a tampered bundle published
 * around it are refused (dead letters with the reason) and change nothing; no flow is lost.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ModelHotSwapIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).setConfiguration(KafkaJobFixtures.noRestarts()).build());

    @TempDir
    static Path dir;
    @RegisterExtension
    static final KafkaItExtension KAFKA = new KafkaItExtension();

    @Test
    void aNewerSignedBundleSwapsInMidStreamAndUnsignedOrTamperedOnesAreRefused() {
        String name = "hot-swap";
        JobTopics topics = JobTopics.create(KAFKA.broker(), name, 2);
        ModelBundle v1 = TestModels.sign(TrainedBundles.fit(1));
        byte[] v2 = AvroWire.MODEL_BUNDLE.encode(TestModels.sign(TrainedBundles.fit(2)));
        byte[] unsignedV5 = AvroWire.MODEL_BUNDLE.encode(TrainedBundles.fit(5));
        ModelBundle tampered = TestModels.sign(TrainedBundles.fit(3));
        tampered.getEnsemble().setMinVotes(1); // after signing: the signature no longer matches
        byte[] tamperedV3 = AvroWire.MODEL_BUNDLE.encode(tampered);
        String modelId = v1.getModelId();
        JobConfig config = KafkaJobFixtures.config(KAFKA.broker().bootstrapServers(), topics,
                KafkaJobFixtures.writeBundle(dir.resolve(name), v1), KafkaJobFixtures.writeTrustedKey(dir.resolve(name)), name);

        // Before: the first minute (with the vertical port scan). During: up to 2:30 (Slowloris), with the
        // bundles published among the flows. After: the rest (the horizontal port scan), once the swap is seen.
        List<FlowRecord> flows = KafkaJobFixtures.attackScenario();
        List<FlowRecord> before = flows.stream().filter(f -> f.getStartMs() < TestFlows.T0 + 60_000).toList();
        List<FlowRecord> during = flows.stream().filter(f -> f.getStartMs() >= TestFlows.T0 + 60_000 && f.getStartMs() < TestFlows.T0 + 150_000).toList();
        List<FlowRecord> after = flows.stream().filter(f -> f.getStartMs() >= TestFlows.T0 + 150_000).toList();
        assertThat(before.size() + during.size() + after.size()).isEqualTo(flows.size());

        long start = System.nanoTime();
        List<RecordMetadata> modelsWritten = new ArrayList<>();
        try (JobRun job = JobRun.start(new FlowSentryJob(config), KafkaJobFixtures.environment())) {
            KAFKA.client().sendAll(KafkaJobFixtures.flowMessages(topics, before, 0));
            awaitScored(topics, before.size(), job);

            // Flows keep coming, 100 every 50 ms; the three bundles go out between them.
            int batches = (during.size() + 99) / 100;
            for (int b = 0; b < batches; b++) {
                int from = b * 100;
                KAFKA.client().sendAll(KafkaJobFixtures.flowMessages(topics, during.subList(from, Math.min(during.size(), from + 100)), before.size() + from));
                if (b == batches / 4) modelsWritten.add(KAFKA.client().send(topics.models(), 0, null, unsignedV5));
                if (b == batches / 2) modelsWritten.add(KAFKA.client().send(topics.models(), 0, null, v2));
                if (b == 3 * batches / 4) modelsWritten.add(KAFKA.client().send(topics.models(), 0, null, tamperedV3));
                JobRun.sleep(50);
            }
            // The swap is visible in the output and both bad bundles were refused: from here on, only v2 may score.
            KAFKA.client().await(topics.scored(), IsolationLevel.READ_UNCOMMITTED, "a flow scored by v2",
                    r -> r.stream().anyMatch(s -> KafkaJobFixtures.alert(s).getModelVersion() == 2), job::assertRunning);
            KAFKA.client().await(topics.deadLetters(), IsolationLevel.READ_UNCOMMITTED, "two refused bundles",
                    r -> r.size() >= 2, job::assertRunning);

            KAFKA.client().sendAll(KafkaJobFixtures.flowMessages(topics, after, before.size() + during.size()));
            awaitScored(topics, flows.size(), job);
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        List<Alert> scored = KAFKA.client().readAll(topics.scored(), IsolationLevel.READ_UNCOMMITTED).stream().map(KafkaJobFixtures::alert).toList();
        List<Alert> alerts = KAFKA.client().readAll(topics.alerts(), IsolationLevel.READ_UNCOMMITTED).stream().map(KafkaJobFixtures::alert).toList();
        List<DeadLetter> dead = KAFKA.client().readAll(topics.deadLetters(), IsolationLevel.READ_UNCOMMITTED).stream().map(KafkaJobFixtures::deadLetter).toList();

        // The two bad bundles are dead letters with their reason, bytes and place on the models topic; nothing else is.
        assertThat(dead).hasSize(2).allSatisfy(d -> {
            assertThat(d.getErrorType()).isEqualTo("REFUSED_MODEL");
            assertThat(d.getSource()).isEqualTo(topics.models());
        });
        assertThat(dead.get(0).getReason()).contains("is not signed");
        assertThat(dead.get(0).getOffset()).isEqualTo(modelsWritten.get(0).offset());
        assertThat(KafkaJobFixtures.bytes(dead.get(0).getRawData())).isEqualTo(unsignedV5);
        assertThat(dead.get(1).getReason()).contains("bad signature");
        assertThat(dead.get(1).getOffset()).isEqualTo(modelsWritten.get(2).offset());
        assertThat(KafkaJobFixtures.bytes(dead.get(1).getRawData())).isEqualTo(tamperedV3);

        // No flow lost or scored twice: each flow has exactly one scored record, from v1 or from v2.
        assertThat(scored).hasSize(flows.size());
        Set<String> scoredIds = scored.stream().map(Alert::getAlertId).collect(Collectors.toSet());
        assertThat(scoredIds).hasSize(flows.size());
        for (FlowRecord f : flows) {
            assertThat(scoredIds.contains(alertId(f, modelId, 1)) ^ scoredIds.contains(alertId(f, modelId, 2)))
                    .as("flow %s -> %s:%s scored exactly once", f.getStartMs(), f.getSrcAddr(), f.getDstPort()).isTrue();
        }
        // Before the swap only v1, after it only v2; the refused v3 and v5 never score.
        assertThat(before).allSatisfy(f -> assertThat(scoredIds).contains(alertId(f, modelId, 1)));
        assertThat(after).allSatisfy(f -> assertThat(scoredIds).contains(alertId(f, modelId, 2)));
        assertThat(scored).extracting(Alert::getModelVersion).containsOnly(1L, 2L);

        // The swap is atomic per scorer: for every host (scored on one subtask), no v1 verdict after its first v2 verdict.
        Map<String, long[]> swapTimes = new HashMap<>(); // host -> {last v1 detection, first v2 detection}
        for (Alert s : scored) {
            long[] t = swapTimes.computeIfAbsent(s.getSrcAddr(), k -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
            if (s.getModelVersion() == 1) t[0] = Math.max(t[0], s.getDetectedAtMs());
            else t[1] = Math.min(t[1], s.getDetectedAtMs());
        }
        assertThat(swapTimes).allSatisfy((host, t) -> assertThat(t[0]).as(host).isLessThanOrEqualTo(t[1]));

        // Alerts: the flagged scored flows; the attack after the swap is reported by v2 only.
        assertThat(alerts.stream().map(Alert::getAlertId).toList()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                scored.stream().filter(Alert::getFlagged).map(Alert::getAlertId).toList());
        Set<String> afterIdsV2 = after.stream().map(f -> alertId(f, modelId, 2)).collect(Collectors.toSet());
        List<Alert> alertsAfter = alerts.stream().filter(a -> afterIdsV2.contains(a.getAlertId())).toList();
        assertThat(alertsAfter).extracting(Alert::getLabel).contains("PortScan-Horizontal");
        Map<Long, Long> alertsByVersion = alerts.stream().collect(Collectors.groupingBy(Alert::getModelVersion, TreeMap::new, Collectors.counting()));
        assertThat(alertsByVersion.keySet()).containsExactly(1L, 2L);

        Set<String> hostsWithBoth = new HashSet<>();
        swapTimes.forEach((host, t) -> { if (t[0] != Long.MIN_VALUE && t[1] != Long.MAX_VALUE) hostsWithBoth.add(host); });
        System.out.printf("ModelHotSwapIT: %d flows (%d before, %d during, %d after the swap) -> %d scored (%s by version), "
                        + "%d alerts (%s by version, %d after the swap), %d refused bundles, %d hosts scored by both; %d ms%n",
                flows.size(), before.size(), during.size(), after.size(), scored.size(),
                scored.stream().collect(Collectors.groupingBy(Alert::getModelVersion, TreeMap::new, Collectors.counting())),
                alerts.size(), alertsByVersion, alertsAfter.size(), dead.size(), hostsWithBoth.size(), elapsedMs);
    }

    private static void awaitScored(JobTopics topics, int count, JobRun job) {
        KAFKA.client().await(topics.scored(), IsolationLevel.READ_UNCOMMITTED, count + " scored flows", r -> r.size() >= count, job::assertRunning);
    }
}
