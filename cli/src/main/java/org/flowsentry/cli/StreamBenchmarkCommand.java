package org.flowsentry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.util.TimeUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flowsentry.core.generate.GeneratorOptions;
import org.flowsentry.core.generate.ScenarioKind;
import org.flowsentry.core.generate.ScenarioSpec;
import org.flowsentry.core.generate.TrafficGenerator;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.core.wire.WireFormatException;
import org.flowsentry.job.FlowSentryJob;
import org.flowsentry.job.JobConfig;
import org.flowsentry.job.support.AlertEncoder;
import org.flowsentry.kafka.FlowSentryTopics;
import org.flowsentry.kafka.LocalKafkaBroker;
import org.flowsentry.kafka.TopicSpec;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.FlowRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * End-to-end speed of the streaming job through a real broker: throughput of the full job at
 * parallelism 1 against a pass-through job with the same source and sink, and the latency from a
 * flow being produced to its alert being readable at half the full job's rate.
 */
@Command(name = "benchmark-stream", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the streaming job end to end through a local Kafka broker, on a local Flink MiniCluster at",
                "parallelism 1 (the README's Speed section):",
                "",
                "1. trains a signed model (the five default detectors) on generated benign traffic;",
                "2. produces --flows generated flows (a busy Monday morning with the nine attacks) into three input topics",
                "   before any job runs, so that the jobs read a backlog and their rate, not the producer's, is measured;",
                "3. pass-through: the job's Kafka source, decoding and event time, each flow re-encoded to a topic;",
                "4. full job with every scored flow (emit-scored) to Kafka besides the alerts: its last scored record marks",
                "   the end, and it tells how many alerts the input makes;",
                "5. full job as deployed by default (alerts only), on its own copy of the backlog: its last alert marks the end;",
                "   rate = flows / (first output readable .. last output readable), job start-up left out;",
                "6. latency: the default full job keeps running while flows are produced at half its rate (--latency-rate) for",
                "   --latency-seconds, after --latency-warmup seconds at the same rate that are not counted; each alert's",
                "   latency is from the send of its flow to the alert being read.",
                "",
                "Prints a table (and --json FILE); each alert's latency sample goes to latency.csv in the work directory (warm-up ones marked). Everything it starts stops with it; the work directory is emptied first."})
final class StreamBenchmarkCommand implements Callable<Integer> {
    @Option(names = "--flows", defaultValue = "2000000", paramLabel = "N",
            description = "Flows in the backlog of each throughput phase (default: ${DEFAULT-VALUE}).")
    long flows;

    @Option(names = "--latency-seconds", defaultValue = "30", paramLabel = "S",
            description = "Length of the latency phase (default: ${DEFAULT-VALUE}). Its flows are encoded in memory before the first"
                    + " send, about 160 bytes each: at most a quarter of the heap (with the launcher's 4 GB, about 110 s at 60,000 flows/s).")
    int latencySeconds;

    @Option(names = "--latency-warmup", defaultValue = "5", paramLabel = "S",
            description = "Seconds of flows at the same rate sent first and not counted (default: ${DEFAULT-VALUE}): the sender and the"
                    + " alert reader start in this JVM beside the job, and JFR showed their JIT compilation taking a core for"
                    + " the first seconds. Their latencies are printed separately.")
    int latencyWarmup;

    @Option(names = "--latency-rate", paramLabel = "FLOWS/S",
            description = "Send rate of the latency phase (default: half the full job's measured rate).")
    Double latencyRate;

    @Option(names = "--train-duration", defaultValue = "5m", paramLabel = "DURATION",
            description = "Generated benign traffic the model is trained on (default: ${DEFAULT-VALUE}, about 300,000 flows).")
    String trainDuration;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION",
            description = "Checkpoint interval of both jobs, e.g. 30s; 0 turns checkpointing off (default: the job's, 30 s).")
    String checkpointInterval;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any job option for every phase's job, as `job --set` takes it, e.g. --set flowsentry.checkpoint.write-rate=24mb.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the traffic and the model (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--work-dir", defaultValue = ".flowsentry/benchmark-stream", paramLabel = "DIR",
            description = "Working directory, emptied at start (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results to this JSON file.")
    Path json;

    /** The site of the demo, busier: 200 clients and 12 servers at up to 1,000 benign flows/s. */
    private static final double PEAK_RATE = 1000;
    /** Monday 09:00, busy hours; the model learns the Friday before (the demo's choice of days). */
    private static final String WORKLOAD_START = "2026-01-05T09:00:00Z";
    private static final String TRAINING_START = "2026-01-02T09:00:00Z";
    /** Flows per second of that Monday morning (2,000,000 flows span 31.5 min): the attacks go into the first --flows flows. */
    private static final double WORKLOAD_FLOWS_PER_SECOND = 1050;
    /** The latency phase's flows say which they are in a field the job copies into alerts and never uses as a feature. */
    private static final String LATENCY_EXPORTER = "latency-";
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * The latency phase's sender sleeps only when the next flow is due more than this ahead, until
     * it is due, and then sends it and every flow due within this at once: about one wake-up a
     * millisecond. Waking for every flow (every 50 µs at 20,000 flows/s) cost the sender's thread
     * about 9 µs of CPU per flow on the cores the job needs. Each flow's latency counts from its
     * actual send, up to this much before it is due.
     */
    private static final long SEND_AHEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final Duration QUIET_LIMIT = Duration.ofMinutes(2);
    private static final Duration SETTLE = Duration.ofMillis(500);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Topics: fresh ones per phase, so that no phase reads or counts another's records. */
    private static final String PT_FLOWS = "bench.pass-through.flows";
    private static final String PT_OUT = "bench.pass-through.out";
    private static final String PT_DLQ = "bench.pass-through.dlq";
    private static final String SCORED_FLOWS = "bench.every-scored.flows";
    private static final String SCORED_ALERTS = "bench.every-scored.alerts";
    private static final String SCORED_OUT = "bench.every-scored.scored";
    private static final String SCORED_DLQ = "bench.every-scored.dlq";
    private static final String FULL_FLOWS = "bench.full.flows";
    private static final String FULL_ALERTS = "bench.full.alerts";
    private static final String FULL_DLQ = "bench.full.dlq";

    /** One throughput phase; alerts is null for the pass-through. */
    record Phase(String name, long flows, long outputs, long deadLetters, Long alerts, double seconds, double flowsPerSecond,
                 Double steadyFlowsPerSecond, double startupSeconds, double loadAverageBefore, double loadAverageAfter,
                 CpuUse.PerFlow cpuMicrosPerFlow) {}

    /** What a throughput phase's polling saw of the expected output records, and the CPU time from its first output to its last. */
    private record Measured(Throughput out, long expected, CpuUse.PerFlow cpu) {}

    /** drainSeconds: from the last send until the alerts topic stopped growing; more than a second means the job fell behind. */
    record LatencyRun(double targetFlowsPerSecond, double sentFlowsPerSecond, int seconds, long flows, long alerts,
                      int warmupSeconds, Latencies.Summary warmup, Latencies.Summary produceToAlertReadable, Latencies.Summary produceToScoring, Latencies.Summary scoringToReadable,
                      double drainSeconds, double loadAverageBefore, double loadAverageAfter, CpuUse.PerFlow cpuMicrosPerFlow,
                      List<PhaseCheckpoint> checkpoints) {}

    /** A checkpoint of the job during the latency phase: seconds from the first send (warm-up included); completedS null if it did not complete. */
    record PhaseCheckpoint(long id, double triggeredS, Double completedS, double megabytes) {}

    record Targets(boolean fullJobAtLeast50000, boolean fullJobAtLeastHalfPassThrough, boolean p99Below200Ms) {}

    /** fullJob: as deployed by default (alerts only); the targets are checked on it. */
    record Report(int cores, String java, long seed, Map<String, Long> labels, Phase passThrough, Phase fullJobEveryScored,
                  Phase fullJob, double fullToPassThrough, LatencyRun latency, Targets targets) {}

    @Override
    public Integer call() throws Exception {
        if (flows < 1) throw new IllegalArgumentException("--flows must be at least 1, got " + flows);
        if (latencySeconds < 1) throw new IllegalArgumentException("--latency-seconds must be at least 1, got " + latencySeconds);
        if (latencyWarmup < 0) throw new IllegalArgumentException("--latency-warmup must not be negative, got " + latencyWarmup);
        if (latencyRate != null && !(latencyRate > 0)) throw new IllegalArgumentException("--latency-rate must be positive");
        DemoCommand.emptyDir(workDir);
        double loadAtStart = loadAverage();
        Path bundle = trainModel();

        DemoCommand.step("starting a local Kafka broker");
        try (LocalKafkaBroker broker = new LocalKafkaBroker(LocalKafkaBroker.Options.defaults(workDir.resolve("kafka").toAbsolutePath()))) {
            broker.start();
            String bootstrap = broker.bootstrapServers();
            FlowSentryTopics.createAll(bootstrap); // the models topic the job reads
            for (String t : List.of(PT_FLOWS, PT_OUT, PT_DLQ, SCORED_FLOWS, SCORED_ALERTS, SCORED_OUT, SCORED_DLQ, FULL_FLOWS, FULL_ALERTS,
                    FULL_DLQ)) {
                broker.createTopics(TopicSpec.of(t, 1));
            }
            Iterator<FlowRecord> traffic = new TrafficGenerator(workload()).iterator();
            Map<String, Long> labels = produceBacklog(traffic, bootstrap);

            try (Offsets offsets = new Offsets(bootstrap)) {
                Map<String, String> values = new LinkedHashMap<>(settings);
                values.put(JobConfig.KAFKA_BOOTSTRAP_SERVERS.key(), bootstrap);
                values.put(JobConfig.MODEL_TRUSTED_KEYS.key(), workDir.resolve("bench.pub").toAbsolutePath().toString());
                values.put(JobConfig.PARALLELISM.key(), "1");
                JobConfig common = JobConfig.fromMap(values);
                if (checkpointInterval != null) {
                    common = common.with(JobConfig.CHECKPOINT_INTERVAL, TimeUtils.parseDuration(checkpointInterval));
                }

                DemoCommand.step(String.format("pass-through: the job's source, decoding and event time, %,d flows out again", flows));
                JobConfig pt = common.with(JobConfig.TOPIC_FLOWS, PT_FLOWS).with(JobConfig.TOPIC_SCORED, PT_OUT)
                        .with(JobConfig.TOPIC_DEAD_LETTERS, PT_DLQ).with(JobConfig.JOB_NAME, "benchmark");
                double load = loadAverage();
                long submitted = System.nanoTime();
                JobClient job = new FlowSentryJob(pt).startPassThroughOnKafka(environment("pass-through", pt));
                Measured out = measure("pass-through", job, offsets, PT_OUT, flows, broker.process());
                job.cancel().get(1, TimeUnit.MINUTES);
                Phase passThrough = phase("pass-through", out, submitted, offsets.end(PT_OUT), offsets.end(PT_DLQ), null, load);

                DemoCommand.step(String.format("full job: features, five detectors, alerts and every scored flow, %,d flows", flows));
                JobConfig full = common.with(JobConfig.TOPIC_ALERTS, FULL_ALERTS).with(JobConfig.TOPIC_DEAD_LETTERS, FULL_DLQ)
                        .with(JobConfig.TOPIC_FLOWS, FULL_FLOWS).with(JobConfig.JOB_NAME, "benchmark")
                        .with(JobConfig.MODEL_INITIAL_BUNDLE, bundle.toAbsolutePath().toString());
                JobConfig everyScored = full.with(JobConfig.TOPIC_FLOWS, SCORED_FLOWS).with(JobConfig.TOPIC_ALERTS, SCORED_ALERTS)
                        .with(JobConfig.TOPIC_SCORED, SCORED_OUT).with(JobConfig.TOPIC_DEAD_LETTERS, SCORED_DLQ)
                        .with(JobConfig.EMIT_SCORED, true);
                load = loadAverage();
                submitted = System.nanoTime();
                job = new FlowSentryJob(everyScored).startOnKafka(environment("every-scored", everyScored));
                out = measure("full job + scored", job, offsets, SCORED_OUT, flows, broker.process());
                long alerts = settledEnd(offsets, SCORED_ALERTS); // the alerts sink's last batch
                job.cancel().get(1, TimeUnit.MINUTES);
                Phase fullJobEveryScored = phase("full job + scored", out, submitted, offsets.end(SCORED_OUT), offsets.end(SCORED_DLQ),
                        alerts, load);

                // The same input, the same model, one partition at parallelism 1: the same alerts, so their count marks the end.
                DemoCommand.step(String.format("full job as deployed by default (alerts only), %,d flows until %,d alerts", flows, alerts));
                load = loadAverage();
                submitted = System.nanoTime();
                job = new FlowSentryJob(full).startOnKafka(environment("full", full));
                out = measure("full job", job, offsets, FULL_ALERTS, alerts, broker.process());
                long alertsOut = settledEnd(offsets, FULL_ALERTS);
                Phase fullJob = phase("full job", out, submitted, alertsOut, offsets.end(FULL_DLQ), alertsOut, load);

                double rate = latencyRate != null ? latencyRate : fullJob.flowsPerSecond() / 2;
                LatencyRun latency = latency(job, traffic, bootstrap, offsets, rate, broker.process());
                job.cancel().get(1, TimeUnit.MINUTES);

                double ratio = fullJob.flowsPerSecond() / passThrough.flowsPerSecond();
                Targets targets = new Targets(fullJob.flowsPerSecond() >= 50_000, ratio >= 0.5,
                        latency.produceToAlertReadable().p99Ms() < 200);
                Report report = new Report(Runtime.getRuntime().availableProcessors(), Runtime.version().toString(), seed, labels,
                        passThrough, fullJobEveryScored, fullJob, ratio, latency, targets);
                print(report, loadAtStart);
                if (json != null) JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report);
            }
        }
        return 0;
    }

    /** Keygen, generated benign traffic of the same site (the Friday before), and the five default detectors, as the demo does. */
    private Path trainModel() {
        Path benign = workDir.resolve("benign.avro");
        Path bundle = workDir.resolve("bundle.avro");
        DemoCommand.step("training a signed model on " + trainDuration + " of generated benign traffic");
        DemoCommand.subcommand("keygen", "--out", workDir.resolve("bench").toString());
        DemoCommand.subcommand("generate", "--out", benign.toString(), "--seed", Long.toString(seed), "--duration", trainDuration,
                "--start", TRAINING_START, "--peak-rate", Double.toString(PEAK_RATE), "--scenarios", "none");
        DemoCommand.subcommand("train", "--data", benign.toString(), "--out", bundle.toString(),
                "--key", workDir.resolve("bench.key").toString(), "--seed", Long.toString(seed));
        return bundle;
    }

    /** The generator's site and day from Monday 09:00, its nine attacks spread over about the first --flows flows. */
    GeneratorOptions workload() {
        Duration attacks = Duration.ofSeconds(Math.max(10, (long) (flows / WORKLOAD_FLOWS_PER_SECOND)));
        return GeneratorOptions.defaults().withSeed(seed).withStartMs(Instant.parse(WORKLOAD_START).toEpochMilli())
                .withPeakFlowsPerSecond(PEAK_RATE).withScenarios(ScenarioSpec.spread(attacks, List.of(ScenarioKind.values())));
    }

    /** Sends the first --flows flows to the three input topics; returns the flows per label. */
    private Map<String, Long> produceBacklog(Iterator<FlowRecord> traffic, String bootstrap) {
        DemoCommand.step(String.format("producing %,d generated flows into each input topic, before any job runs", flows));
        Map<String, Long> labels = new TreeMap<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Callback failed = (meta, e) -> {
            if (e != null) failure.compareAndSet(null, e);
        };
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap);
             Progress bar = Progress.start("produce", flows, " flows", 1)) {
            for (long i = 0; i < flows && failure.get() == null; i++) {
                FlowRecord f = next(traffic);
                labels.merge(String.valueOf(f.getLabel()), 1L, Long::sum);
                byte[] key = AlertEncoder.key(f.getSrcAddr());
                byte[] value = AvroWire.FLOW_RECORD.encode(f);
                for (String topic : List.of(PT_FLOWS, SCORED_FLOWS, FULL_FLOWS)) producer.send(new ProducerRecord<>(topic, key, value), failed);
                if ((i & 0x3FF) == 0) bar.stepTo(i);
            }
            producer.flush();
            bar.stepTo(flows);
        }
        if (failure.get() != null) throw new IllegalStateException("Kafka refused a flow: " + failure.get().getMessage(), failure.get());
        double seconds = (System.nanoTime() - start) / 1e9;
        long attacks = flows - labels.getOrDefault("BENIGN", 0L);
        System.out.printf("  %,d flows (%,d attack flows) into %s, %s and %s in %.1f s%n  labels: %s%n", flows, attacks, PT_FLOWS,
                SCORED_FLOWS, FULL_FLOWS, seconds, labels);
        return labels;
    }

    /** The latency phase's flows as the sender sends them: flow i's Kafka key and FlowRecord bytes, its exporter marking i. */
    record LatencyFlows(byte[][] keys, byte[][] values) {
        /** Two array headers and two references per flow, besides its bytes. */
        private static final int OVERHEAD_BYTES = 2 * 16 + 2 * 4;

        /**
         * Encodes the next n flows of traffic.
         *
         * @throws IllegalArgumentException once they take more than budget bytes of heap: 600 s at 60,000
         *     flows/s would take about 6 GB of the heap the job runs in, and the collector thrashed
         */
        static LatencyFlows encode(Iterator<FlowRecord> traffic, int n, long budget) {
            byte[][] keys = new byte[n][];
            byte[][] values = new byte[n][];
            long bytes = 0;
            for (int i = 0; i < n; i++) {
                FlowRecord f = next(traffic);
                f.setExporter(LATENCY_EXPORTER + i);
                keys[i] = AlertEncoder.key(f.getSrcAddr());
                values[i] = AvroWire.FLOW_RECORD.encode(f);
                bytes += keys[i].length + values[i].length + OVERHEAD_BYTES;
                if (bytes > budget) {
                    throw new IllegalArgumentException(String.format("the latency phase's %,d flows are encoded in memory before the"
                            + " first send, and %,d of them already take more than the %,d MB of heap they may use: shorten"
                            + " --latency-seconds or lower --latency-rate", n, i + 1, budget >> 20));
                }
            }
            return new LatencyFlows(keys, values);
        }
    }

    private static FlowRecord next(Iterator<FlowRecord> traffic) {
        if (!traffic.hasNext()) throw new IllegalArgumentException("the generated day has fewer flows than asked for; lower --flows");
        return traffic.next();
    }

    /** The backlog's producer: replay's settings (idempotent, lz4, 128 KiB batches, 10 ms linger). */
    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return producer(bootstrap, new Properties());
    }

    /**
     * The latency phase's producer, as an exporter sends live flows (goflow2's Kafka producer
     * does not compress by default): no compression and a 5 ms linger, so the broker gets about
     * 200 requests a second instead of one per millisecond. With lz4 and 1 ms the broker took
     * 17.1 µs of CPU per flow in this phase, with these 14.7 (two runs), on the 2 cores the job
     * shares. The linger counts in the measured latency, which starts at the send call.
     */
    private static KafkaProducer<byte[], byte[]> liveProducer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        return producer(bootstrap, p);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap, Properties settings) {
        Properties p = new Properties();
        p.putAll(settings);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "flowsentry-benchmark");
        return new KafkaProducer<>(ReplayCommand.withProducerDefaults(p), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The checkpoint directory of a phase's job (Flink writes each job's under its id). */
    private Path checkpoints(String phase) {
        return workDir.resolve("checkpoints-" + phase);
    }

    /**
     * A MiniCluster as `job` runs it, with two differences for measuring: Kryo is refused (a record
     * type between operators or in state without a Flink or Avro serializer fails the job at
     * submission instead of slowing it down), and a failure ends the job (with its cause, see
     * requireRunning) instead of restarting it and counting flows twice.
     */
    private StreamExecutionEnvironment environment(String phase, JobConfig config) {
        StreamExecutionEnvironment env = LocalFlink.environment(checkpoints(phase), null, config);
        Configuration strict = new Configuration();
        strict.set(PipelineOptions.GENERIC_TYPES, false);
        strict.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        env.configure(strict);
        return env;
    }

    /**
     * Polls the output topic's end offset until it holds the expected records (one per flow, or
     * the alerts the input makes), with a progress bar. The CPU time is per flow: when the outputs
     * are alerts, the flows behind the alerts counted are taken as their share of the input.
     */
    private Measured measure(String name, JobClient job, Offsets offsets, String outTopic, long expected, ProcessHandle broker)
            throws Exception {
        Throughput out = new Throughput(expected);
        CpuUse.Snapshot cpuAtFirstOutput = null;
        long countAtFirstOutput = 0;
        long lastChange = System.nanoTime();
        try (Progress bar = Progress.start(name, expected, expected == flows ? " flows" : " alerts", 1)) {
            while (!out.complete()) {
                requireRunning(job);
                long now = System.nanoTime();
                long count = offsets.end(outTopic);
                if (count != out.count()) lastChange = now;
                out.observe(now, count);
                if (cpuAtFirstOutput == null && count > 0 && count < expected) {
                    cpuAtFirstOutput = CpuUse.take(broker);
                    countAtFirstOutput = count;
                }
                bar.stepTo(count);
                if (now - lastChange > QUIET_LIMIT.toNanos()) {
                    throw new IllegalStateException(String.format("%s: no output for %d s, %,d of %,d records out", name,
                            QUIET_LIMIT.toSeconds(), count, expected));
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
        long flowsCounted = Math.round((double) (out.count() - countAtFirstOutput) * flows / expected);
        CpuUse.PerFlow cpu = cpuAtFirstOutput == null ? null : CpuUse.perFlow(cpuAtFirstOutput, CpuUse.take(broker), flowsCounted);
        return new Measured(out, expected, cpu);
    }

    /** A topic's end offset once it has not moved for {@link #SETTLE}: the job has written what its input makes. */
    private static long settledEnd(Offsets offsets, String topic) throws InterruptedException {
        long end = offsets.end(topic);
        for (long settled = -1; settled != end; end = offsets.end(topic)) {
            settled = end;
            TimeUnit.MILLISECONDS.sleep(SETTLE.toMillis());
        }
        return end;
    }

    private static void requireRunning(JobClient job) throws Exception {
        var result = job.getJobExecutionResult();
        if (result.isDone()) {
            result.get(); // throws the job's failure
            throw new IllegalStateException("the job ended before its input did");
        }
    }

    private Phase phase(String name, Measured m, long submitted, long outputs, long deadLetters, Long alerts, double loadBefore) {
        Throughput out = m.out();
        // Between 10% and 90% of the output only when the outputs are flows: alerts do not come evenly.
        double steady = m.expected() == flows ? out.rateBetween(0.1, 0.9) : Double.NaN;
        Phase p = new Phase(name, flows, outputs, deadLetters, alerts, out.seconds(), flows / out.seconds(),
                Double.isNaN(steady) ? null : steady, out.secondsBeforeOutput(submitted), loadBefore, loadAverage(), m.cpu());
        System.out.printf("  %,d flows in %.2f s: %,.0f flows/s (%s between 10%% and 90%% of the output); start-up %.1f s%n",
                flows, p.seconds(), p.flowsPerSecond(), p.steadyFlowsPerSecond() == null ? "n/a"
                        : String.format("%,.0f flows/s", p.steadyFlowsPerSecond()), p.startupSeconds());
        System.out.printf("  output records %,d, dead letters %,d%s%n", outputs, deadLetters,
                alerts == null ? "" : String.format(", alerts %,d", alerts));
        if (p.cpuMicrosPerFlow() != null) System.out.println("  CPU per flow: " + cpuLine(p.cpuMicrosPerFlow()));
        if (outputs != m.expected() || deadLetters != 0) {
            System.out.printf("  warning: %,d flows went in, %,d records came out (%,d expected) and %,d dead letters%n", flows, outputs,
                    m.expected(), deadLetters);
        }
        return p;
    }

    /**
     * Sends flows at a fixed rate into the running full job and reads its alerts topic meanwhile:
     * each alert of such a flow gives one sample, from the send call to the poll that returned it.
     */
    private LatencyRun latency(JobClient job, Iterator<FlowRecord> traffic, String bootstrap, Offsets offsets, double rate,
                               ProcessHandle broker)
            throws Exception {
        int warmup = Math.toIntExact(Math.round(rate * latencyWarmup));
        int total = Math.toIntExact(Math.round(rate * latencySeconds));
        int all = warmup + total; // flows 0 .. warmup-1 warm the sender and the reader up and are not counted
        DemoCommand.step(String.format("latency: %,d flows at %,.0f flows/s into the running full job, after %,d not counted (%d s)",
                total, rate, warmup, latencyWarmup));
        // Encoded beforehand, so that the sender only sends; a quarter of the heap at most, the rest is the job's.
        LatencyFlows encoded = LatencyFlows.encode(traffic, all, Runtime.getRuntime().maxMemory() / 4);
        byte[][] keys = encoded.keys();
        byte[][] values = encoded.values();
        AlertReader reader = new AlertReader(bootstrap, all, warmup);
        // A full collection before the clock starts: the encoded flows above (about 200 MB, and
        // arrays large enough for G1's humongous regions) otherwise started a concurrent mark cycle
        // seconds into the phase, and its 2-3 s of marking took the CPU the job needed then.
        System.gc();
        double load = loadAverage();
        Thread readerThread = new Thread(reader, "benchmark-alerts");
        readerThread.start();
        long first = 0;
        long last = 0;
        CpuUse.Snapshot cpuAtStart = null; // at the first counted flow
        CpuUse.Snapshot cpuAtEnd;
        AtomicReference<Exception> failure = new AtomicReference<>();
        CheckpointWatch watch = CheckpointWatch.start(checkpoints("full").resolve(job.getJobID().toString()));
        try (KafkaProducer<byte[], byte[]> producer = liveProducer(bootstrap);
             Progress bar = Progress.start("latency", all, " flows", 1)) {
            producer.partitionsFor(FULL_FLOWS); // metadata before the first timed send
            Pacer pacer = Pacer.rate(rate);
            for (int i = 0; i < all && failure.get() == null; i++) {
                long due = pacer.due(null, System.nanoTime());
                if (due - System.nanoTime() > SEND_AHEAD_NANOS) {
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) LockSupport.parkNanos(wait);
                }
                if (i == warmup) cpuAtStart = CpuUse.take(broker);
                long now = System.nanoTime();
                if (i == 0) first = now;
                last = now;
                reader.sent.set(i, now);
                reader.sentMs.set(i, System.currentTimeMillis());
                producer.send(new ProducerRecord<>(FULL_FLOWS, keys[i], values[i]), (meta, e) -> {
                    if (e != null) failure.compareAndSet(null, e);
                });
                if ((i & 0xFF) == 0) {
                    bar.stepTo(i);
                    bar.extraMessage(String.format(" %,d alerts read", reader.alerts.get()));
                }
            }
            producer.flush();
            cpuAtEnd = CpuUse.take(broker);
            bar.stepTo(all);
        }
        if (failure.get() != null) throw new IllegalStateException("Kafka refused a flow: " + failure.get().getMessage(), failure.get());
        // The alerts topic's end once it stops moving: the reader stops there.
        long end = settledEnd(offsets, FULL_ALERTS);
        requireRunning(job);
        double drainSeconds = (System.nanoTime() - last) / 1e9 - SETTLE.toMillis() / 1e3;
        reader.stopAt.set(end);
        readerThread.join(QUIET_LIMIT.toMillis());
        if (readerThread.isAlive()) throw new IllegalStateException("the alerts reader did not reach the end of " + FULL_ALERTS);
        if (reader.failure != null) throw reader.failure;
        watch.close();

        double sentRate = all > 1 ? (all - 1) / ((last - first) / 1e9) : rate;
        Files.writeString(workDir.resolve("latency.csv"), reader.samples);
        Latencies.Summary s = reader.latencies.summary();
        LatencyRun run = new LatencyRun(rate, sentRate, latencySeconds, total, reader.alerts.get(), latencyWarmup,
                reader.warmup.size() == 0 ? null : reader.warmup.summary(), s,
                reader.toScoring.size() == 0 ? null : reader.toScoring.summary(),
                reader.fromScoring.size() == 0 ? null : reader.fromScoring.summary(), drainSeconds, load, loadAverage(),
                cpuAtStart == null ? null : CpuUse.perFlow(cpuAtStart, cpuAtEnd, total), sinceFirstSend(watch.checkpoints(), first));
        System.out.printf("  sent %,d flows at %,.0f flows/s, alerts stopped %.2f s after the last; %,d alerts%n", total, sentRate,
                drainSeconds, run.alerts());
        if (run.cpuMicrosPerFlow() != null) {
            System.out.println("  CPU per flow while sending (the benchmark's sender and reader included): " + cpuLine(run.cpuMicrosPerFlow()));
        }
        for (PhaseCheckpoint c : run.checkpoints()) {
            System.out.printf(Locale.US, "  checkpoint %d while sending (s from the first send, warm-up included): %.1f -> %s, %.1f MB%n", c.id(),
                    c.triggeredS(), c.completedS() == null ? "not completed" : String.format(Locale.US, "%.1f s", c.completedS()), c.megabytes());
        }
        if (run.warmup() != null) System.out.println("  warm-up, not counted: produce -> alert readable: " + percentiles(run.warmup()));
        System.out.println("  produce -> alert readable: " + percentiles(s));
        if (run.produceToScoring() != null) {
            System.out.println("    of which produce -> scoring operator: " + percentiles(run.produceToScoring())
                    + "; scoring -> readable: " + percentiles(run.scoringToReadable()) + " (ms clocks)");
        }
        return run;
    }

    /** The checkpoints triggered after the first send, in seconds from it: the ones a latency spike may line up with. */
    private static List<PhaseCheckpoint> sinceFirstSend(List<CheckpointWatch.Checkpoint> seen, long firstSendNanos) {
        return seen.stream().filter(c -> c.triggeredNanos() >= firstSendNanos)
                .map(c -> new PhaseCheckpoint(c.id(), (c.triggeredNanos() - firstSendNanos) / 1e9,
                        c.completedNanos() == null ? null : (c.completedNanos() - firstSendNanos) / 1e9, c.bytes() / 1e6))
                .toList();
    }

    /** Reads the alerts topic from its current end: latency samples of the alerts of the latency phase's flows. */
    private static final class AlertReader implements Runnable {
        final AtomicLongArray sent;
        /** Wall-clock send times, to split each latency at the alert's detectedAtMs (the scoring operator's clock). */
        final AtomicLongArray sentMs;
        final AtomicLong alerts = new AtomicLong();
        final AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
        final Latencies latencies = new Latencies();
        /** The warm-up flows' latencies, kept apart. */
        final Latencies warmup = new Latencies();
        final int warmupFlows;
        final Latencies toScoring = new Latencies();
        final Latencies fromScoring = new Latencies();
        /** One line per alert, in the order read: when its flow was sent and how long each part took. */
        final StringBuilder samples = new StringBuilder("flow,sent_s,produce_to_scoring_ms,total_ms,warmup\n");
        final KafkaConsumer<byte[], byte[]> consumer;
        final TopicPartition partition = new TopicPartition(FULL_ALERTS, 0);
        volatile Exception failure;

        AlertReader(String bootstrap, int flows, int warmupFlows) {
            this.warmupFlows = warmupFlows;
            this.sent = new AtomicLongArray(flows);
            this.sentMs = new AtomicLongArray(flows);
            this.consumer = Offsets.consumer(bootstrap);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition); // positioned before the first flow is sent
        }

        @Override
        public void run() {
            try (consumer) {
                while (consumer.position(partition) < stopAt.get()) {
                    var records = consumer.poll(Duration.ofMillis(100));
                    long now = System.nanoTime();
                    long nowMs = System.currentTimeMillis();
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        Alert alert = AvroWire.ALERT.decode(r.value());
                        String exporter = alert.getExporter();
                        if (exporter == null || !exporter.startsWith(LATENCY_EXPORTER)) continue; // a throughput-phase straggler
                        int i = Integer.parseInt(exporter.substring(LATENCY_EXPORTER.length()));
                        // Millisecond clocks: split only where both ends are in order.
                        long before = alert.getDetectedAtMs() - sentMs.get(i);
                        samples.append(i).append(',').append(String.format(Locale.US, "%.3f", (sent.get(i) - sent.get(0)) / 1e9))
                                .append(',').append(before).append(',')
                                .append(String.format(Locale.US, "%.1f", (now - sent.get(i)) / 1e6))
                                .append(i < warmupFlows ? ",1\n" : ",0\n");
                        if (i < warmupFlows) {
                            warmup.add(now - sent.get(i));
                            continue;
                        }
                        alerts.incrementAndGet();
                        latencies.add(now - sent.get(i));
                        long after = nowMs - alert.getDetectedAtMs();
                        if (before >= 0 && after >= 0) {
                            toScoring.add(before * 1_000_000);
                            fromScoring.add(after * 1_000_000);
                        }
                    }
                }
            } catch (WireFormatException | RuntimeException e) {
                failure = e;
            }
        }
    }

    /** End offsets of the benchmark's one-partition topics: how many records each holds, readable. */
    private static final class Offsets implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;

        Offsets(String bootstrap) {
            consumer = consumer(bootstrap);
        }

        long end(String topic) {
            TopicPartition p = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(p), Duration.ofSeconds(30)).get(p);
        }

        /** Without a group (nothing committed); default fetch settings: a fetch returns as soon as one record is there. */
        static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.CLIENT_ID_CONFIG, "flowsentry-benchmark");
            return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private void print(Report r, double loadAtStart) {
        DemoCommand.step(String.format("results: %d cores, Java %s, load average %.2f at start and %.2f at the end", r.cores(),
                r.java(), loadAtStart, loadAverage()));
        System.out.printf("  %-17s %12s %9s %11s %15s %10s %10s%n", "phase", "flows", "seconds", "flows/s", "10-90% flows/s",
                "start-up s", "load avg");
        for (Phase p : List.of(r.passThrough(), r.fullJobEveryScored(), r.fullJob())) {
            System.out.printf("  %-17s %,12d %9.2f %,11.0f %15s %10.1f %10.2f%n", p.name(), p.flows(), p.seconds(), p.flowsPerSecond(),
                    p.steadyFlowsPerSecond() == null ? "n/a" : String.format("%,.0f", p.steadyFlowsPerSecond()), p.startupSeconds(),
                    p.loadAverageAfter());
        }
        LatencyRun l = r.latency();
        Latencies.Summary s = l.produceToAlertReadable();
        System.out.printf("  full job / pass-through: %.2f%n", r.fullToPassThrough());
        System.out.printf("  latency at %,.0f flows/s for %d s: %,d alerts; produce -> alert readable: %s%n", l.sentFlowsPerSecond(),
                l.seconds(), l.alerts(), percentiles(s));
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put(String.format("full job >= 50,000 flows/s (%,.0f)", r.fullJob().flowsPerSecond()), met(r.targets().fullJobAtLeast50000()));
        targets.put(String.format("full job >= half the pass-through (%.2f)", r.fullToPassThrough()),
                met(r.targets().fullJobAtLeastHalfPassThrough()));
        targets.put(String.format("p99 latency < 200 ms at %s (%.1f ms)", latencyRate == null ? "half the full rate" : "--latency-rate",
                s.p99Ms()), met(r.targets().p99Below200Ms()));
        targets.forEach((what, verdict) -> System.out.printf("  target: %-58s %s%n", what, verdict));
        if (json != null) System.out.println("  results in " + json);
    }

    private static String percentiles(Latencies.Summary s) {
        return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms", s.p50Ms(), s.p90Ms(), s.p99Ms(), s.maxMs());
    }

    /** "31.2 µs in this JVM (score flows 17.0, ...), 4.1 µs in the broker", threads of at least 0.5 µs. */
    static String cpuLine(CpuUse.PerFlow cpu) {
        StringBuilder threads = new StringBuilder();
        cpu.threads().forEach((name, micros) -> {
            if (micros < 0.5) return;
            if (threads.length() > 0) threads.append(", ");
            int chain = name.indexOf(" -> (");
            threads.append(chain > 0 ? name.substring(0, chain) : name).append(String.format(" %.1f", micros));
        });
        return String.format("%.1f µs in this JVM (%s), %.1f µs in the broker", cpu.jvmMicros(), threads, cpu.brokerMicros());
    }

    private static String met(boolean met) {
        return met ? "met" : "MISSED";
    }
}
