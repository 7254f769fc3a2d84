package org.flowsentry.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.ingest.FlowFiles;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.core.wire.WireFormatException;
import org.flowsentry.job.FlowSentryJob;
import org.flowsentry.job.JobConfig;
import org.flowsentry.kafka.FlowSentryTopics;
import org.flowsentry.kafka.LocalKafkaBroker;
import org.flowsentry.kafka.TopicSpec;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded default a new user runs first: local broker, generated (or given) traffic, a
 * trained and signed model, the job on a local MiniCluster, the traffic replayed through it, alerts
 * as they arrive, and a summary against the ground truth. Everything it starts stops with it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run FlowSentry end to end on this machine: start a local Kafka broker, generate labelled traffic (or take",
                "--data), train a signed model on benign traffic, run the streaming job on a local Flink MiniCluster, replay the",
                "traffic through it, print alerts as they arrive, and end with flows, alerts by severity, precision and recall.",
                "Ctrl-C stops everything it started; every run starts from a clean work directory."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--data", arity = "1..*", paramLabel = "FILE",
            description = "Traffic to replay (labelled, for precision and recall); default: generated traffic with nine attacks.")
    List<Path> data;

    @Option(names = "--train-data", arity = "1..*", paramLabel = "FILE",
            description = "Traffic to train on (its benign flows); default: generated benign traffic, or the --data files.")
    List<Path> trainData;

    @Option(names = "--duration", defaultValue = "30m", paramLabel = "DURATION",
            description = "Length of the generated traffic to replay (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--train-duration", defaultValue = "3h", paramLabel = "DURATION",
            description = "Length of the generated benign traffic to train on (default: ${DEFAULT-VALUE}).")
    String trainDuration;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated traffic and the model (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rate", paramLabel = "FLOWS/S", description = "Replay rate (default: as fast as possible).")
    Integer rate;

    @Option(names = "--show", defaultValue = "25", paramLabel = "N", description = "Alerts printed as they arrive (default: ${DEFAULT-VALUE}).")
    int show;

    @Option(names = "--work-dir", defaultValue = ".flowsentry/demo", paramLabel = "DIR",
            description = "Working directory, emptied at start (default: ${DEFAULT-VALUE}).")
    Path workDir;

    private static final String SCORED_TOPIC = "scored-flows";
    /** Every attack kind, the floods scaled down so that the default half hour stays a few tens of thousands of flows. */
    private static final String DEMO_SCENARIOS = "port-scan-vertical*0.3,port-scan-horizontal*0.1,syn-flood*0.02,ssh-brute-force,"
            + "ftp-brute-force,exfiltration,dns-tunnelling*0.2,c2-beaconing,slowloris*0.5";
    private static final Duration QUIET_LIMIT = Duration.ofSeconds(60);
    /** The generated traffic's start: a Monday morning. */
    private static final Instant TRAFFIC_START = Instant.parse("2026-01-05T09:00:00Z");
    /**
     * Benign traffic replayed before the generated traffic and left out of precision and recall:
     * a job that has been running holds per-host state, a fresh one starts empty, and flows scored
     * against empty state (a busy server that seems to have had no clients) look unusual to a model
     * trained on a running network. Ten minutes fill the windows up to the 10-minute half-life.
     */
    private static final Duration WARM_UP = Duration.ofMinutes(10);

    @Override
    public Integer call() throws Exception {
        emptyDir(workDir);
        // The same network (seed) for both: the model learns the previous working day's morning (Friday
        // 08:00-11:00), the replay is Monday 09:00-09:30, so the rhythm matches and the days differ.
        List<Path> traffic = data != null ? data : List.of(generate("traffic.avro", DEMO_SCENARIOS, duration, TRAFFIC_START.toString()));
        List<Path> warmUp = data != null ? List.of() : List.of(generate("warm-up.avro", "none", WARM_UP.toMinutes() + "m",
                TRAFFIC_START.minus(WARM_UP).toString()));
        List<Path> training = trainData != null ? trainData
                : data != null ? data : List.of(generate("benign.avro", "none", trainDuration, "2026-01-02T08:00:00Z"));

        step("training a signed model on the benign flows of " + names(training));
        subcommand("keygen", "--out", workDir.resolve("demo").toString());
        List<String> train = new ArrayList<>(List.of("train", "--out", workDir.resolve("bundle.avro").toString(),
                "--key", workDir.resolve("demo.key").toString(), "--seed", Long.toString(seed), "--data"));
        training.forEach(p -> train.add(p.toString()));
        subcommand(train.toArray(String[]::new));

        step("starting a local Kafka broker");
        try (LocalKafkaBroker broker = new LocalKafkaBroker(LocalKafkaBroker.Options.defaults(workDir.resolve("kafka").toAbsolutePath()))) {
            AtomicBoolean stopping = new AtomicBoolean();
            JobClient[] job = new JobClient[1];
            Thread hook = new Thread(() -> {
                stopping.set(true);
                if (job[0] != null) job[0].cancel();
                broker.close();
            }, "stop-demo");
            Runtime.getRuntime().addShutdownHook(hook);
            broker.start();
            FlowSentryTopics.createAll(broker.bootstrapServers());
            broker.createTopics(TopicSpec.of(SCORED_TOPIC, 1));
            System.out.println("  Kafka at " + broker.bootstrapServers());

            step("starting the streaming job on a local Flink MiniCluster");
            JobConfig config = JobConfig.fromMap(Map.of(
                    JobConfig.KAFKA_BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                    JobConfig.MODEL_INITIAL_BUNDLE.key(), workDir.resolve("bundle.avro").toAbsolutePath().toString(),
                    JobConfig.MODEL_TRUSTED_KEYS.key(), workDir.resolve("demo.pub").toAbsolutePath().toString(),
                    JobConfig.EMIT_SCORED.key(), "true",
                    JobConfig.TOPIC_SCORED.key(), SCORED_TOPIC,
                    JobConfig.PARALLELISM.key(), "1"));
            job[0] = new FlowSentryJob(config).startOnKafka(LocalFlink.environment(workDir.resolve("checkpoints"), null, config));

            long warmUpFlows = countFlows(warmUp);
            long expected = warmUpFlows + countFlows(traffic);
            if (warmUpFlows > 0) {
                step("replaying " + String.format("%,d", warmUpFlows) + " benign flows of the " + WARM_UP.toMinutes()
                        + " minutes before, to warm up the job's per-host state (left out of the summary's precision and recall)");
            }
            step("replaying " + String.format("%,d", expected - warmUpFlows) + " flows from " + names(traffic) + "; alerts as they arrive:");
            Tally tally = new Tally(warmUpFlows > 0 ? TRAFFIC_START.toEpochMilli() : Long.MIN_VALUE);
            Thread watcher = new Thread(() -> tally.follow(broker.bootstrapServers(), expected, stopping, show), "demo-alerts");
            watcher.start();
            List<String> replay = new ArrayList<>(List.of("replay", "--bootstrap", broker.bootstrapServers(), "--data"));
            warmUp.forEach(p -> replay.add(p.toString())); // sent first: replay keeps the files' order
            traffic.forEach(p -> replay.add(p.toString()));
            if (rate != null) replay.addAll(List.of("--rate", rate.toString()));
            subcommand(replay.toArray(String[]::new));
            watcher.join();
            job[0].cancel().get();
            tally.printSummary(expected - warmUpFlows);
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        return 0;
    }

    /** Deletes the directory's contents (creates it when missing): every run starts clean. */
    static void emptyDir(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        Files.createDirectories(dir);
    }

    private Path generate(String file, String scenarios, String duration, String start) {
        Path out = workDir.resolve(file);
        step("generating " + duration + " of " + ("none".equals(scenarios) ? "benign" : "labelled") + " traffic: " + out);
        subcommand("generate", "--out", out.toString(), "--seed", Long.toString(seed),
                "--duration", duration, "--start", start, "--peak-rate", "30", "--clients", "120", "--scenarios", scenarios);
        return out;
    }

    /** Runs another flowsentry command in this process; its failure ends the demo with its message. */
    static void subcommand(String... args) {
        int code = FlowSentry.commandLine().execute(args);
        if (code != 0) throw new IllegalStateException("`flowsentry " + String.join(" ", args) + "` failed (exit " + code + ")");
    }

    private static long countFlows(List<Path> files) throws Exception {
        long n = 0;
        for (Path f : files) {
            try (FlowReader r = FlowFiles.open(f, null, ReadErrors.unlimited())) {
                while (r.hasNext()) {
                    r.next();
                    n++;
                }
            }
        }
        return n;
    }

    static void step(String what) {
        System.out.println();
        System.out.println("== " + what);
    }

    private static String names(List<Path> files) {
        return String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList());
    }

    /** Counts scored flows against their ground truth and prints the first alerts. */
    private static final class Tally {
        /** Flows that start earlier are the warm-up: counted apart. */
        final long evaluatedFromMs;
        long warmUpScored;
        long warmUpAlerts;
        long scored;
        long alerts;
        long truePositives;
        long falsePositives;
        long attacks;
        long deadLetters;
        final Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);

        Tally(long evaluatedFromMs) {
            this.evaluatedFromMs = evaluatedFromMs;
        }

        /** Reads scored flows and dead letters until every replayed flow is accounted for (or nothing comes for a minute). */
        void follow(String bootstrap, long expected, AtomicBoolean stopping, int show) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "flowsentry-demo");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(SCORED_TOPIC, FlowSentryTopics.FLOWS_DLQ));
                long lastProgress = System.nanoTime();
                while (!stopping.get() && warmUpScored + scored + deadLetters < expected
                        && System.nanoTime() - lastProgress < QUIET_LIMIT.toNanos()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        lastProgress = System.nanoTime();
                        if (r.topic().equals(FlowSentryTopics.FLOWS_DLQ)) {
                            deadLetters++;
                            continue;
                        }
                        Alert a;
                        try {
                            a = AvroWire.ALERT.decode(r.value());
                        } catch (WireFormatException e) {
                            continue;
                        }
                        count(a, show);
                    }
                }
            }
        }

        private void count(Alert a, int show) {
            if (a.getFlowStartMs() < evaluatedFromMs) {
                warmUpScored++;
                if (a.getFlagged()) warmUpAlerts++;
                return;
            }
            scored++;
            boolean attack = Labels.isAttack(a.getLabel());
            if (attack) attacks++;
            if (!a.getFlagged()) return;
            alerts++;
            bySeverity.merge(a.getSeverity(), 1L, Long::sum);
            if (attack) truePositives++;
            else falsePositives++;
            if (alerts <= show) {
                List<String> cells = AlertRows.tableCells(a);
                System.out.printf("  %-24s %-21s %-21s %-5s %5s %-6s %s   [truth: %s]%n", cells.get(0), cells.get(1),
                        cells.get(2), cells.get(3), cells.get(4), cells.get(5), cells.get(6),
                        a.getLabel() == null ? "unknown" : a.getLabel());
            } else if (alerts == show + 1) {
                System.out.println("  ... (the rest are counted below; `flowsentry alerts` follows them all)");
            }
        }

        void printSummary(long expected) {
            step("summary");
            if (warmUpScored > 0) {
                System.out.printf("  warm-up             %,d benign flows scored, %,d alerts (not counted below)%n", warmUpScored, warmUpAlerts);
            }
            System.out.printf("  flows replayed      %,d%n", expected);
            System.out.printf("  flows scored        %,d (dead letters %,d)%n", scored, deadLetters);
            System.out.printf("  alerts              %,d: %s%n", alerts, bySeverity);
            double precision = alerts == 0 ? Double.NaN : (double) truePositives / alerts;
            double recall = attacks == 0 ? Double.NaN : (double) truePositives / attacks;
            System.out.printf("  attack flows        %,d, of which flagged %,d%n", attacks, truePositives);
            System.out.printf("  precision           %.3f   (flagged flows that are attacks)%n", precision);
            System.out.printf("  recall              %.3f   (attack flows that were flagged)%n", recall);
            System.out.printf("  false positives     %,d of %,d benign flows%n", falsePositives, scored - attacks);
        }
    }
}
