package org.flowsentry.job.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowsentry.job.kafka.KafkaJobFixtures.alertId;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.IsolationLevel;
import org.flowsentry.core.generate.ScenarioKind;
import org.flowsentry.job.JobConfig;
import org.flowsentry.job.TestModels;
import org.flowsentry.job.TrainedBundles;
import org.flowsentry.job.kafka.JobTopics;
import org.flowsentry.job.kafka.KafkaJobFixtures;
import org.flowsentry.job.kafka.KafkaJobFixtures.AlertView;
import org.flowsentry.job.kafka.KafkaTestClient;
import org.flowsentry.kafka.LocalKafkaBroker;
import org.flowsentry.schema.FlowRecord;
import org.flowsentry.schema.ModelBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar, the very file `flink run` and docker-compose submit, on a real Flink 2.2.1
 * standalone session cluster (JobManager and TaskManager in their own JVMs, {@link LocalFlinkCluster})
 * against a real Kafka broker: uploaded and started through the REST API with `--flowsentry.*`
 * program arguments, the bundle and trusted key as files the cluster reads. A generated site with
 * three attacks goes in; every flow is scored once and each attacker's flows come out as alerts.
 * Then the job is cancelled through the REST API.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FlinkClusterIT {
    private static final Duration JOB_STATE_WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void theJobJarRunsOnAStandaloneClusterAndAlertsOnTheAttackers() {
        Path jar = Path.of(System.getProperty("flowsentry.jobJar", "(flowsentry.jobJar not set)"));
        assertThat(jar).as("the job jar; run through `mvn verify`, which shades it in package").isRegularFile();

        long t0 = System.nanoTime();
        try (LocalKafkaBroker broker = new LocalKafkaBroker(LocalKafkaBroker.Options.defaults(dir.resolve("broker"))).start();
             KafkaTestClient kafka = new KafkaTestClient(broker.bootstrapServers())) {
            long brokerMs = msSince(t0);
            long t1 = System.nanoTime();
            List<ProcessHandle> processes;
            try (LocalFlinkCluster flink = LocalFlinkCluster.start(dir.resolve("flink"), 2)) {
                long clusterMs = msSince(t1);
                processes = flink.processes();
                try {
                    runAndCheck(jar, broker, kafka, flink, brokerMs, clusterMs);
                } catch (RuntimeException | AssertionError e) {
                    System.out.println("FlinkClusterIT failed; the cluster's logs end with:\n" + flink.logTails());
                    throw e;
                }
            }
            assertThat(processes).as("JobManager and TaskManager JVMs after close").hasSize(2).noneMatch(ProcessHandle::isAlive);
        }
    }

    private void runAndCheck(Path jar, LocalKafkaBroker broker, KafkaTestClient kafka, LocalFlinkCluster flink,
                             long brokerMs, long clusterMs) {
        FlinkRest rest = flink.rest();
        assertThat(rest.get("/overview").path("flink-version").asText()).isEqualTo("2.2.1");

        JobTopics topics = JobTopics.create(broker, "flink-cluster", 2);
        List<FlowRecord> flows = KafkaJobFixtures.attackScenario();
        ModelBundle v1 = TestModels.sign(TrainedBundles.fit(1));
        Path files = dir.resolve("model");
        JobConfig config = KafkaJobFixtures.config(broker.bootstrapServers(), topics, KafkaJobFixtures.writeBundle(files, v1),
                KafkaJobFixtures.writeTrustedKey(files), "flowsentry-on-standalone");

        long t = System.nanoTime();
        String jarId = rest.uploadJar(jar);
        long uploadMs = msSince(t);
        t = System.nanoTime();
        String jobId = rest.runJar(jarId, programArgs(config));
        rest.awaitJobState(jobId, "RUNNING", JOB_STATE_WAIT);
        long runMs = msSince(t);
        assertThat(rest.get("/jobs/overview").get("jobs")).singleElement().satisfies(job -> {
            assertThat(job.get("jid").asText()).isEqualTo(jobId);
            assertThat(job.get("name").asText()).isEqualTo("flowsentry-on-standalone");
            assertThat(job.get("state").asText()).isEqualTo("RUNNING");
        });

        t = System.nanoTime();
        kafka.sendAll(KafkaJobFixtures.flowMessages(topics, flows, 0));
        Runnable stillRunning = () -> {
            String state = rest.jobState(jobId);
            if (!state.equals("RUNNING")) throw new AssertionError("the job is " + state + rest.rootException(jobId));
        };
        long flagged = kafka.await(topics.scored(), IsolationLevel.READ_UNCOMMITTED, "a scored record for each of the "
                        + flows.size() + " flows", r -> r.size() >= flows.size(), stillRunning).stream()
                .filter(r -> AlertView.of(r, config.alertFormat()).flagged()).count();
        kafka.await(topics.alerts(), IsolationLevel.READ_UNCOMMITTED, flagged + " alerts", r -> r.size() >= flagged, stillRunning);
        long processMs = msSince(t);
        long checkpoints = rest.get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
        assertThat(checkpoints).as("completed checkpoints").isPositive();
        assertThat(flink.checkpointDir().resolve(jobId)).as("the job's checkpoints in the cluster's directory").isDirectory();
        assertThat(rest.get("/jobs/" + jobId + "/checkpoints/config").path("checkpoint_storage").asText())
                .as("the paced storage, loaded from the job jar").isEqualTo("PacedCheckpointStorage");

        t = System.nanoTime();
        rest.cancel(jobId);
        rest.awaitJobState(jobId, "CANCELED", JOB_STATE_WAIT);
        long cancelMs = msSince(t);
        assertThat(rest.jobStates()).containsExactly(Map.entry(jobId, "CANCELED"));

        // Read everything once more after the job stopped.
        List<AlertView> scored = kafka.readAll(topics.scored(), IsolationLevel.READ_UNCOMMITTED).stream()
                .map(r -> AlertView.of(r, config.alertFormat())).toList();
        List<AlertView> alerts = kafka.readAll(topics.alerts(), IsolationLevel.READ_UNCOMMITTED).stream()
                .map(r -> AlertView.of(r, config.alertFormat())).toList();
        int deadLetters = kafka.readAll(topics.deadLetters(), IsolationLevel.READ_UNCOMMITTED).size();

        // Every flow was scored once by the bundle the JobManager loaded from its file, none went to the dead letters.
        Set<String> expectedIds = flows.stream().map(f -> alertId(f, v1.getModelId(), 1)).collect(Collectors.toSet());
        assertThat(scored).hasSize(flows.size());
        assertThat(scored.stream().map(AlertView::alertId).collect(Collectors.toSet())).isEqualTo(expectedIds);
        assertThat(deadLetters).isZero();
        assertThat(alerts.stream().map(AlertView::alertId).toList()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(scored.stream().filter(AlertView::flagged).map(AlertView::alertId).toList());

        // Each attacking host raised alerts on its attack's flows; benign traffic mostly did not.
        Map<String, Long> flowsByLabel = countBy(flows.stream().map(FlowRecord::getLabel).toList());
        Map<String, Long> alertsByLabel = countBy(alerts.stream().map(AlertView::label).toList());
        Set<String> alertingHosts = alerts.stream().map(AlertView::srcAddr).collect(Collectors.toCollection(TreeSet::new));
        List<String> attackers = new ArrayList<>();
        for (ScenarioKind attack : KafkaJobFixtures.ATTACKS) {
            Set<String> hosts = flows.stream().filter(f -> f.getLabel().equals(attack.label())).map(FlowRecord::getSrcAddr)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(alertingHosts).as(attack.label() + " source hosts among the alerting hosts").containsAll(hosts);
            assertThat((double) alertsByLabel.getOrDefault(attack.label(), 0L) / flowsByLabel.get(attack.label()))
                    .as(attack.label() + " alerted share").isGreaterThan(0.9);
            attackers.add(attack.label() + " from " + hosts);
        }
        assertThat((double) alertsByLabel.getOrDefault("BENIGN", 0L) / flowsByLabel.get("BENIGN")).as("benign alerted share")
                .isLessThan(0.1);

        System.out.printf("FlinkClusterIT: broker up in %d ms, Flink 2.2.1 standalone cluster (1 JobManager, 1 TaskManager,"
                        + " 2 slots) up in %d ms; jar %.1f MB uploaded in %d ms, job RUNNING %d ms after /run%n",
                brokerMs, clusterMs, jar.toFile().length() / 1e6, uploadMs, runMs);
        System.out.printf("FlinkClusterIT: %d flows in (%s) -> %d scored, %d alerts (%s) on %d hosts, %d dead letters, %d checkpoints;"
                        + " %d ms from first flow to last alert; attackers %s; CANCELED %d ms after PATCH%n",
                flows.size(), flowsByLabel, scored.size(), alerts.size(), alertsByLabel, alertingHosts.size(), deadLetters,
                checkpoints, processMs, attackers, cancelMs);
    }

    /** The configuration as `--flowsentry.key value` program arguments, as `flink run` passes them to main. */
    static List<String> programArgs(JobConfig config) {
        List<String> args = new ArrayList<>();
        new TreeMap<>(config.configuration().toMap()).forEach((key, value) -> {
            args.add("--" + key);
            args.add(value);
        });
        return args;
    }

    private static Map<String, Long> countBy(List<String> values) {
        return values.stream().collect(Collectors.groupingBy(v -> v, TreeMap::new, Collectors.counting()));
    }

    private static long msSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
