package org.flowsentry.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowsentry.job.kafka.KafkaJobFixtures.alertId;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.RestoredCheckpointStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.flowsentry.core.features.FeatureExtractor;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.model.EnsembleScorer;
import org.flowsentry.job.FlowSentryJob;
import org.flowsentry.job.JobConfig;
import org.flowsentry.job.TestModels;
import org.flowsentry.job.TrainedBundles;
import org.flowsentry.schema.FlowRecord;
import org.flowsentry.schema.ModelBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TaskManager dies while flows are coming in, after a completed checkpoint; the job restarts from
 * that checkpoint on a new TaskManager and re-reads the flows since. At-least-once: every expected
 * alert arrives (duplicates allowed). Exactly-once: read committed, every expected alert exactly once.
 *
 * <p>Parallelism 1 and one flows partition, so the job's features equal core's FeatureExtractor over
 * the flows in order (FlowSentryJobTest checks this bit for bit): the expected alerts are computed
 * here, independently of the job, with core's extractor and scorer.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RecoveryIT {
    @TempDir
    static Path dir;
    @RegisterExtension
    static final KafkaItExtension KAFKA = new KafkaItExtension();

    /** What one run with a failure produced. */
    record Outcome(Set<String> expectedAlerts, Set<String> expectedScored, List<String> alerts, List<String> scored,
                   List<String> alertsUncommitted, List<String> scoredUncommitted, int deadLetters, long restoredCheckpoint,
                   long checkpointBeforeFailure, long elapsedMs) {
        long duplicates(List<String> ids) {
            return ids.size() - new HashSet<>(ids).size();
        }
    }

    @Test
    void atLeastOnceLosesNoAlertWhenATaskManagerDiesAfterACheckpoint() throws Exception {
        Outcome o = runWithFailure(DeliveryGuarantee.AT_LEAST_ONCE, IsolationLevel.READ_UNCOMMITTED);

        assertThat(new HashSet<>(o.scored())).as("every flow scored at least once").isEqualTo(o.expectedScored());
        assertThat(new HashSet<>(o.alerts())).as("every expected alert, and no other").isEqualTo(o.expectedAlerts());
        assertThat(o.deadLetters()).isZero();
        report("at-least-once", o);
    }

    @Test
    void exactlyOnceDeliversEveryAlertOnceWhenATaskManagerDiesAfterACheckpoint() throws Exception {
        Outcome o = runWithFailure(DeliveryGuarantee.EXACTLY_ONCE, IsolationLevel.READ_COMMITTED);

        assertThat(o.scored()).as("every flow scored exactly once (read committed)").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(o.expectedScored());
        assertThat(o.alerts()).as("every expected alert exactly once (read committed)").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(o.expectedAlerts());
        assertThat(o.deadLetters()).isZero();
        // What the failed attempt wrote stays in the log, aborted: visible uncommitted, never committed.
        assertThat(o.scoredUncommitted().size()).isGreaterThanOrEqualTo(o.scored().size());
        report("exactly-once", o);
    }

    private Outcome runWithFailure(DeliveryGuarantee guarantee, IsolationLevel isolation) throws Exception {
        String name = "recovery-" + guarantee.name().toLowerCase().replace('_', '-');
        JobTopics topics = JobTopics.create(KAFKA.broker(), name, 1);
        ModelBundle v1 = TestModels.sign(TrainedBundles.fit(1));
        JobConfig config = KafkaJobFixtures.config(KAFKA.broker().bootstrapServers(), topics,
                        KafkaJobFixtures.writeBundle(dir.resolve(name), v1), KafkaJobFixtures.writeTrustedKey(dir.resolve(name)), name)
                .with(JobConfig.PARALLELISM, 1)
                .with(JobConfig.DELIVERY_GUARANTEE, guarantee);
        List<FlowRecord> flows = KafkaJobFixtures.attackScenario();
        List<FlowRecord> first = flows.subList(0, flows.size() / 2);
        List<FlowRecord> second = flows.subList(flows.size() / 2, flows.size());
        Set<String> expectedScored = flows.stream().map(f -> alertId(f, v1.getModelId(), 1)).collect(Collectors.toSet());
        Set<String> expectedAlerts = expectedAlerts(flows, v1);

        Configuration cluster = new Configuration();
        cluster.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        cluster.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
        cluster.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        MiniCluster mini = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(cluster).setNumTaskManagers(1).setNumSlotsPerTaskManager(2).build());
        mini.start();
        ExecutorService producer = Executors.newSingleThreadExecutor();
        long start = System.nanoTime();
        try {
            TestStreamEnvironment env = new TestStreamEnvironment(mini, 1);
            Configuration c = new Configuration();
            c.set(PipelineOptions.GENERIC_TYPES, false);
            env.configure(c);
            try (JobRun job = JobRun.start(new FlowSentryJob(config), env)) {
                // The first half in, through, and covered by a completed checkpoint.
                KAFKA.client().sendAll(KafkaJobFixtures.flowMessages(topics, first, 0));
                KAFKA.client().await(topics.scored(), isolation, first.size() + " scored flows", r -> r.size() >= first.size(), job::assertRunning);
                long checkpoint = mini.triggerCheckpoint(job.jobId(), CheckpointType.CONFIGURED).get(60, TimeUnit.SECONDS);

                // The second half keeps coming, 50 flows every 50 ms; the TaskManager dies in the middle of it.
                CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                    for (int from = 0; from < second.size(); from += 50) {
                        KAFKA.client().sendAll(KafkaJobFixtures.flowMessages(topics, second.subList(from, Math.min(second.size(), from + 50)), first.size() + from));
                        JobRun.sleep(50);
                    }
                }, producer);
                int someOfTheSecond = first.size() + second.size() / 4;
                KAFKA.client().await(topics.scored(), IsolationLevel.READ_UNCOMMITTED, "part of the second half processed",
                        r -> r.size() >= someOfTheSecond, job::assertRunning);
                mini.terminateTaskManager(0).get(60, TimeUnit.SECONDS);
                mini.startTaskManager();

                sending.get(KafkaTestClient.WAIT.toSeconds(), TimeUnit.SECONDS);
                KAFKA.client().await(topics.scored(), isolation, "every flow scored after the restart",
                        r -> ids(r).containsAll(expectedScored), job::assertRunning);
                KAFKA.client().await(topics.alerts(), isolation, "every expected alert after the restart",
                        r -> ids(r).containsAll(expectedAlerts), job::assertRunning);

                CheckpointStatsSnapshot stats = ((AccessExecutionGraph) mini.getExecutionGraph(job.jobId()).get(60, TimeUnit.SECONDS))
                        .getCheckpointStatsSnapshot();
                RestoredCheckpointStats restored = stats.getLatestRestoredCheckpoint();
                assertThat(restored).as("the job restarted from a checkpoint").isNotNull();
                assertThat(restored.getCheckpointId()).as("restored checkpoint").isGreaterThanOrEqualTo(checkpoint);

                long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                return new Outcome(expectedAlerts, expectedScored,
                        idList(KAFKA.client().readAll(topics.alerts(), isolation)), idList(KAFKA.client().readAll(topics.scored(), isolation)),
                        idList(KAFKA.client().readAll(topics.alerts(), IsolationLevel.READ_UNCOMMITTED)),
                        idList(KAFKA.client().readAll(topics.scored(), IsolationLevel.READ_UNCOMMITTED)),
                        KAFKA.client().readAll(topics.deadLetters(), IsolationLevel.READ_UNCOMMITTED).size(),
                        restored.getCheckpointId(), checkpoint, elapsedMs);
            }
        } finally {
            producer.shutdownNow();
            mini.closeAsync().get(60, TimeUnit.SECONDS);
        }
    }

    /** The alerts of these flows in this order, from core's feature extractor and scorer (the trainer's code path). */
    static Set<String> expectedAlerts(List<FlowRecord> flows, ModelBundle bundle) {
        EnsembleScorer scorer = EnsembleScorer.of(bundle);
        FeatureExtractor features = new FeatureExtractor(scorer.layout());
        Set<String> ids = new HashSet<>();
        for (FlowRecord f : flows) {
            if (scorer.score(features.extract(f, FeatureLayout.eventTime(f, 0))).flagged()) {
                ids.add(alertId(f, bundle.getModelId(), bundle.getModelVersion()));
            }
        }
        return ids;
    }

    private static Set<String> ids(List<ConsumerRecord<byte[], byte[]>> records) {
        return new HashSet<>(idList(records));
    }

    private static List<String> idList(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> KafkaJobFixtures.alert(r).getAlertId()).toList();
    }

    private static void report(String guarantee, Outcome o) {
        boolean exactlyOnce = guarantee.equals("exactly-once");
        System.out.printf("RecoveryIT[%s]: %d flows, %d expected alerts; restored checkpoint %d (triggered %d before the failure);"
                        + " read %s: %d scored (%d duplicates), %d alerts (%d duplicates)%s; %d dead letters; %d ms%n",
                guarantee, o.expectedScored().size(), o.expectedAlerts().size(), o.restoredCheckpoint(), o.checkpointBeforeFailure(),
                exactlyOnce ? "committed" : "uncommitted",
                o.scored().size(), o.duplicates(o.scored()), o.alerts().size(), o.duplicates(o.alerts()),
                exactlyOnce ? String.format("; aborted, seen only uncommitted: %d scored, %d alerts",
                        o.scoredUncommitted().size() - o.scored().size(), o.alertsUncommitted().size() - o.alerts().size()) : "",
                o.deadLetters(), o.elapsedMs());
    }
}
