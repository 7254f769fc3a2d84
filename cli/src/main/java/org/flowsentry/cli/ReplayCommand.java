package org.flowsentry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flowsentry.core.ingest.FlowFiles;
import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.FlowFormats;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.ingest.own.FlowRecordFields;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.kafka.FlowSentryTopics;
import org.flowsentry.schema.FlowRecord;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Replays recorded flows (any supported dataset) into a Kafka topic as FlowRecords, paced or as fast as possible. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay flow files (any supported format) into Kafka as FlowRecords, for the streaming job.",
                "",
                "Each flow is keyed by its source address, so that a host's flows stay in one partition and in order, "
                        + "and carries its start time as the Kafka record time (see --record-time). Ground-truth labels "
                        + "travel with the flows.",
                "",
                "Files are sent one after the other, each in the order it is read. Datasets are in event-time order, so "
                        + "--speedup replays them as recorded; a flow that starts before the first one sent goes at once.",
                "",
                "Pacing: --speedup X follows the recorded start times X times faster, --rate N sends N flows/s, neither "
                        + "sends as fast as Kafka takes them. Ctrl-C stops cleanly and prints the --from that resumes.",
                ""},
        footer = {"", "Examples:",
                "  flowsentry replay --data ../shared/data/ctu-argus/test3-mixed.binetflow \\",
                "      --speedup 60",
                "  flowsentry replay --data traffic.avro --rate 5000 --from 120000",
                "  flowsentry replay --data capture.pcap --label SSH-BruteForce --wire json"})
final class ReplayCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE", description = "Flow files to replay, in this order.")
    List<Path> data;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", defaultValue = FlowSentryTopics.FLOWS, paramLabel = "TOPIC",
            description = "Topic to write to (default: ${DEFAULT-VALUE}).")
    String topic;

    @ArgGroup(exclusive = true)
    Pace pace = new Pace();

    static final class Pace {
        @Option(names = "--speedup", paramLabel = "X",
                description = "Follow the flows' recorded start times, X times faster (1 = real time). Needs timestamps "
                        + "(NSL-KDD and the partitioned UNSW-NB15 have none: use --rate).")
        Double speedup;

        @Option(names = "--rate", paramLabel = "N", description = "Send N flows per second.")
        Double rate;
    }

    @Option(names = "--from", defaultValue = "0", paramLabel = "N",
            description = "Skip the first N flows (counted over all files in order), e.g. to resume a stopped replay.")
    long from;

    @Option(names = "--limit", paramLabel = "N", description = "Send at most N flows, then stop.")
    Long limit;

    @Option(names = "--wire", defaultValue = "avro", paramLabel = "avro|json",
            description = "Message format: avro (FlowRecord, Avro single-object encoding; the job's --input-format avro) or "
                    + "json (FlowSentry JSON, one object per message; the job's --input-format flowsentry-json). Default: ${DEFAULT-VALUE}.")
    Wire wire;

    @Option(names = "--record-time", defaultValue = "auto", paramLabel = "auto|flow|now",
            description = {"Kafka record time: flow = the flow's start time; now = the send time; auto (default) = the flow's "
                    + "start time, unless the flows are older than the topic keeps records (retention.ms), then the send "
                    + "time: Kafka deletes records older than that within minutes, before a job started later could read "
                    + "them. The job uses the flows' own times either way."})
    RecordTime recordTime;

    @Mixin
    InputOptions input;

    enum Wire { AVRO, JSON }

    enum RecordTime { AUTO, FLOW, NOW }

    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile boolean stopRequested;

    /** What one file contributed. */
    private record FileStats(Path file, String format, long read, long sent, ReadErrors errors) {}

    /** Asks a running replay to stop after the flow in flight, as Ctrl-C does. */
    void stop() {
        stopRequested = true;
    }

    @Override
    public Integer call() throws Exception {
        if (from < 0) throw new IllegalArgumentException("--from must be 0 or more, got " + from);
        if (limit != null && limit < 1) throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
        for (Path p : data) if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no such file: " + p);
        Pacer pacer = pace.speedup != null ? Pacer.speedup(pace.speedup) : pace.rate != null ? Pacer.rate(pace.rate) : Pacer.unpaced();
        FlowFormat format = input.format == null ? null : FlowFormats.require(input.format);

        Replay replay = new Replay(pacer);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(),
                new ByteArraySerializer());
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C: ask the loop to stop, and keep the JVM alive until it has flushed and said where to resume.
        Thread hook = new Thread(() -> {
            stop();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-replay");
        Runtime.getRuntime().addShutdownHook(hook);
        long started = System.nanoTime();
        List<FileStats> files = new ArrayList<>();
        boolean completed = false;
        try {
            replay.producer = producer;
            requireTopic(producer);
            try (Progress progress = Progress.start("replay", limit == null ? -1 : from + limit, " flows", 1)) {
                replay.progress = progress;
                for (Path file : data) {
                    if (replay.done()) break;
                    progress.extraMessage(file.getFileName().toString());
                    files.add(replay.file(file, format));
                }
                progress.stepTo(replay.position);
            } finally {
                close(producer);
            }
            replay.rethrowFailure();
            completed = !stopRequested;
        } finally {
            double seconds = (System.nanoTime() - (replay.sent > 0 ? replay.firstSentNanos : started)) / 1e9;
            if (!completed && (stopRequested || replay.sent > 0)) {
                // Stopped (Ctrl-C) or failed: everything before the position reached Kafka, nothing after it.
                long resume = replay.resumePosition();
                System.err.printf("stopped after %d flows; resume with --from %d%n", resume, resume);
            }
            if (completed || replay.sent > 0) printSummary(files, replay, seconds);
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Shutting down (Ctrl-C): the hook is running and waits for the latch above.
            }
        }
        return 0;
    }

    /**
     * Idempotence (acks=all, no duplicates or reordering when a batch is retried) keeps each host's
     * flows in order in its partition, which the job's per-host features rely on. A 10 ms linger
     * fills batches at high rates and costs a paced replay nothing the job would notice (its
     * out-of-orderness is 5 s). lz4 is the cheapest codec to compress: 100,000 generated flows took
     * 4.6 MB of log instead of 13.9 MB; on 2 shared cores the replay rate stayed the same (~55,000
     * flows/s from an Avro file, with or without it, or with a 20 ms linger). --kafka-config
     * overrides any of these.
     */
    private Properties producerProperties() throws IOException {
        Properties p = kafka.properties();
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "flowsentry-replay");
        return withProducerDefaults(p);
    }

    /** The settings above, each unless p has it already; benchmark-stream's producers use them too. */
    static Properties withProducerDefaults(Properties p) {
        p.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000"); // an unreachable broker is an error after 30 s, not 60
        return p;
    }

    /**
     * Fetches the topic's metadata before the first flow: a missing topic or an unreachable broker
     * is a clear error before anything is read, and the first paced send is not late by the fetch.
     */
    private void requireTopic(KafkaProducer<byte[], byte[]> producer) {
        try {
            producer.partitionsFor(topic);
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot reach topic " + topic + " at " + kafka.bootstrap + ": " + e.getMessage()
                    + " (is the broker running and the topic there? `flowsentry kafka` starts both)", e);
        }
    }

    /** Waits for every flow sent to be acknowledged or refused; the callbacks record which. */
    private static void close(KafkaProducer<byte[], byte[]> producer) {
        try {
            producer.flush();
        } catch (KafkaException e) {
            // The send callbacks hold the failure; the summary and the resume position say the rest.
        } finally {
            producer.close(Duration.ofSeconds(10));
        }
    }

    /** The state of one replay over every file: position, counters, pacing, the first send failure. */
    private final class Replay {
        final Pacer pacer;
        KafkaProducer<byte[], byte[]> producer;
        Progress progress;
        /** Flows read so far over all files (the --from position of the next one). */
        long position;
        long sent;
        final AtomicLong acked = new AtomicLong();
        final AtomicReference<Exception> failure = new AtomicReference<>();
        /** Position of the earliest flow Kafka refused; resuming there loses nothing. */
        final AtomicLong firstFailed = new AtomicLong(Long.MAX_VALUE);
        /** Whether flows carry their start time as Kafka record time; decided at the first flow that has one. */
        Boolean flowTime;
        /** When the first flow went out: the rate is the sending rate, without start-up. */
        long firstSentNanos;

        Replay(Pacer pacer) {
            this.pacer = pacer;
        }

        boolean done() {
            return stopRequested || failure.get() != null || (limit != null && sent >= limit);
        }

        /** Where to resume: the next flow not sent (never before --from), or the earliest Kafka refused. */
        long resumePosition() {
            return Math.min(Math.max(position, from), firstFailed.get());
        }

        /**
         * Sends one file's flows. It reads with InputOptions' settings but not InputOptions.read,
         * which draws a bar in MB per file and reads each file to its end: a replay shows one bar
         * in flows/s over all files and stops mid-file (--limit, Ctrl-C).
         */
        FileStats file(Path file, FlowFormat format) throws IOException {
            ReadErrors errors = new ReadErrors(input.maxErrors < 0 ? ReadErrors.UNLIMITED : input.maxErrors,
                    Math.max(input.showErrors, 0));
            long read = 0;
            long sentBefore = sent;
            try (FlowReader reader = FlowFiles.open(file, format, errors)) {
                while (!done() && reader.hasNext()) {
                    FlowRecord flow = reader.next();
                    read++;
                    long at = position++;
                    if (at < from) continue;
                    if (input.defaultLabel != null && flow.getLabel() == null) flow.setLabel(input.defaultLabel);
                    if (pacer.needsTimestamps() && flow.getStartMs() == null) {
                        position--; // not sent: resuming starts with this flow
                        throw new IllegalArgumentException(file + ": flow " + read + " has no start time (" + reader.format().id()
                                + "), so --speedup cannot follow recorded times; use --rate N instead");
                    }
                    // Encoded before waiting, so the wait ends with the send (the first encode loads classes).
                    ProducerRecord<byte[], byte[]> record = record(flow);
                    if (!waitUntilDue(flow)) {
                        position--;
                        break;
                    }
                    send(record, at);
                    if (pacer.paced() || (sent & 0x3FF) == 0) progress.stepTo(position);
                }
                return new FileStats(file, reader.format().id(), read, sent - sentBefore, errors);
            }
        }

        /** Sleeps until the flow is due, in short steps so that a stop request is seen at once; false when stopped. */
        private boolean waitUntilDue(FlowRecord flow) {
            if (!pacer.paced()) return !stopRequested;
            long due = pacer.due(flow.getStartMs(), System.nanoTime());
            while (!stopRequested) {
                long wait = due - System.nanoTime();
                if (wait <= 0) return true;
                try {
                    TimeUnit.NANOSECONDS.sleep(Math.min(wait, 100_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop();
                }
            }
            return false;
        }

        private ProducerRecord<byte[], byte[]> record(FlowRecord flow) {
            byte[] key = flow.getSrcAddr() == null ? null : flow.getSrcAddr().getBytes(StandardCharsets.UTF_8);
            byte[] value = wire == Wire.AVRO ? AvroWire.FLOW_RECORD.encode(flow) : json(flow);
            return new ProducerRecord<>(topic, null, recordTime(flow), key, value);
        }

        private void send(ProducerRecord<byte[], byte[]> record, long at) {
            if (sent == 0) firstSentNanos = System.nanoTime();
            try {
                producer.send(record, (meta, e) -> {
                    if (e == null) {
                        acked.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, e);
                        firstFailed.accumulateAndGet(at, Math::min);
                    }
                });
            } catch (KafkaException e) {
                position = at; // this flow did not go out
                throw new IllegalStateException("cannot send to topic " + topic + " at " + kafka.bootstrap + ": " + e.getMessage(), e);
            }
            sent++;
        }

        void rethrowFailure() {
            Exception e = failure.get();
            if (e != null) throw new IllegalStateException("Kafka refused a flow for topic " + topic + ": " + e.getMessage(), e);
        }

        /** The flow's start time, or null for the send time (see --record-time). */
        private Long recordTime(FlowRecord flow) {
            Long start = flow.getStartMs();
            if (start == null || start < 0) return null;
            if (flowTime == null) flowTime = recordTime != RecordTime.NOW && keepFlowTime(start);
            return flowTime ? start : null;
        }

        /**
         * Time retention counts from the record time: a capture from years ago, sent with its own
         * times, is deleted at the broker's next retention check (30 s after it starts, then every
         * 5 min by default; seen with the CTU files on a fresh local broker) unless it is read at once.
         */
        private boolean keepFlowTime(long firstStartMs) {
            Long retentionMs = topicRetentionMs();
            long age = System.currentTimeMillis() - firstStartMs;
            if (retentionMs == null || retentionMs < 0 || age <= retentionMs) return true;
            String why = String.format("these flows are %s old, older than topic %s keeps records (retention.ms = %s), and Kafka "
                    + "deletes such records at its next retention check", human(age), topic, human(retentionMs));
            if (recordTime == RecordTime.FLOW) {
                System.err.println("warning: " + why + ": read them at once, or replay with --record-time auto or now.");
                return true;
            }
            System.err.println("note: " + why + ", so they carry the send time as Kafka record time (the job uses their own "
                    + "times; --record-time flow keeps theirs).");
            return false;
        }

        /** The topic's retention.ms, or null when the broker does not say (an admin call refused or slow). */
        private Long topicRetentionMs() {
            try (Admin admin = Admin.create(adminProperties())) {
                ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Config config = admin.describeConfigs(List.of(r)).all().get(5, TimeUnit.SECONDS).get(r);
                ConfigEntry retention = config == null ? null : config.get("retention.ms");
                return retention == null || retention.value() == null ? null : Long.parseLong(retention.value());
            } catch (Exception e) {
                return null;
            }
        }
    }

    private Properties adminProperties() throws IOException {
        Properties p = kafka.properties();
        p.put("default.api.timeout.ms", 5000);
        p.put("request.timeout.ms", 5000);
        return p;
    }

    private static String human(long ms) {
        Duration d = Duration.ofMillis(ms);
        if (d.toDays() > 0) return d.toDays() + " days";
        if (d.toHours() > 0) return d.toHours() + " h";
        return d.toMinutes() + " min";
    }

    private static byte[] json(FlowRecord flow) {
        try {
            return JSON.writeValueAsBytes(FlowRecordFields.toJson(flow));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a flow as JSON", e); // a tree of plain values: cannot happen
        }
    }

    private void printSummary(List<FileStats> files, Replay replay, double seconds) {
        long acked = replay.acked.get();
        System.out.printf("replayed %,d flows to topic %s at %s in %.1f s (%,.0f flows/s; %s, keyed by source address)%n",
                acked, topic, kafka.bootstrap, seconds, seconds > 0 ? acked / seconds : 0.0, wire.name().toLowerCase(java.util.Locale.ROOT));
        if (from > 0) System.out.printf("  skipped     the first %,d flows (--from)%n", Math.min(from, replay.position));
        for (FileStats f : files) {
            System.out.printf("  %-40s %-14s %,10d flows read, %,10d sent, %,d malformed%n", f.file().getFileName(), f.format(),
                    f.read(), f.sent(), f.errors().count());
            for (ReadErrors.Malformed m : f.errors().examples()) System.err.println("    malformed " + m);
            f.errors().skippedByKind().forEach((what, n) -> System.out.printf("    skipped %,d %s%n", n, what));
        }
        if (limit != null && replay.sent >= limit && !stopRequested) {
            System.out.printf("  limit       %,d flows sent; continue with --from %d%n", limit, replay.position);
        }
    }
}
