package org.flowsentry.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.flowsentry.core.wire.WireFormatException;
import org.flowsentry.kafka.FlowSentryTopics;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Follows the alerts topic and prints alerts as a table, or writes them to a CSV file. */
@Command(name = "alerts", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Follow the alerts topic and print each alert as a table row:",
                "",
                "  Timestamp | Src IP | Dst IP | Protocol | Score | Severity | Detectors",
                "",
                "with the flow's start time (UTC), addresses with ports, and the detectors that voted. With --csv FILE the "
                        + "alerts go to a CSV file instead: the same columns (ports in their own), plus alert id, model, "
                        + "label and explanation.",
                "",
                "Reads Avro and JSON alerts; a message that is neither is reported on stderr with its offset and skipped. "
                        + "Runs until Ctrl-C, --max or --exit-at-end. Reads without a consumer group, so it never moves "
                        + "another consumer's offsets.",
                ""},
        footer = {"", "Examples:",
                "  flowsentry alerts --min-severity MEDIUM",
                "  flowsentry alerts --from-beginning --exit-at-end --csv alerts.csv"})
final class AlertsCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", defaultValue = FlowSentryTopics.ALERTS, paramLabel = "TOPIC",
            description = "Topic of alerts (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--from-beginning", description = "Start with the oldest alert the topic holds (default: only new ones).")
    boolean fromBeginning;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "auto|avro|json",
            description = "Encoding of the alerts (the job's flowsentry.output.alert-format); auto tells them apart per message "
                    + "(default: ${DEFAULT-VALUE}).")
    AlertRows.Format format;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the alerts to this CSV file (replaced) instead of the table.")
    Path csv;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N alerts.")
    Long max;

    @Option(names = "--min-severity", paramLabel = "LOW|MEDIUM|HIGH", description = "Leave out alerts below this severity.")
    Severity minSeverity;

    @Option(names = "--exit-at-end", description = "Stop at the end of the topic (as it was at start) instead of waiting for more.")
    boolean exitAtEnd;

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private volatile boolean stopRequested;
    private volatile KafkaConsumer<byte[], byte[]> running;

    /** Asks a running command to stop, as Ctrl-C does. */
    void stop() {
        stopRequested = true;
        KafkaConsumer<byte[], byte[]> c = running;
        if (c != null) c.wakeup();
    }

    @Override
    public Integer call() throws Exception {
        if (max != null && max < 1) throw new IllegalArgumentException("--max must be at least 1, got " + max);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-alerts");
        Runtime.getRuntime().addShutdownHook(hook);
        long shown = 0;
        long skipped = 0;
        long belowSeverity = 0;
        Sink sink = null;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            running = consumer;
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            if (fromBeginning) consumer.seekToBeginning(partitions);
            else consumer.seekToEnd(partitions);
            Map<TopicPartition, Long> end = exitAtEnd ? consumer.endOffsets(partitions, METADATA_TIMEOUT) : Map.of();
            sink = csv != null ? new CsvSink(csv) : new TableSink(System.out);
            if (csv != null) System.err.printf("writing alerts from topic %s at %s to %s; Ctrl-C stops%n", topic, kafka.bootstrap, csv);
            while (!stopRequested && (max == null || shown < max)) {
                if (exitAtEnd && atEnd(consumer, end)) break;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    Alert alert;
                    try {
                        alert = AlertRows.decode(r.value(), format);
                    } catch (WireFormatException e) {
                        skipped++;
                        System.err.printf("skipped undecodable message at %s-%d offset %d: %s%n", r.topic(), r.partition(), r.offset(),
                                e.getMessage());
                        continue;
                    }
                    if (minSeverity != null && alert.getSeverity().compareTo(minSeverity) < 0) {
                        belowSeverity++;
                        continue;
                    }
                    sink.write(alert);
                    if (++shown == (max == null ? -1 : max)) break;
                }
            }
        } catch (WakeupException e) {
            // Ctrl-C while polling: stop quietly.
        } finally {
            running = null;
            if (sink != null) {
                sink.close();
                System.err.printf("%s%s%s%s%n", count(shown, "alert"), csv != null ? " written to " + csv : "",
                        belowSeverity > 0 ? String.format(", %,d below %s left out", belowSeverity, minSeverity) : "",
                        skipped > 0 ? ", " + count(skipped, "undecodable message") + " skipped" : "");
            }
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Shutting down (Ctrl-C): the hook is running and waits for the latch above.
            }
        }
        return 0;
    }

    private static String count(long n, String what) {
        return String.format("%,d %s%s", n, what, n == 1 ? "" : "s");
    }

    private Properties consumerProperties() throws java.io.IOException {
        Properties p = kafka.properties();
        // No group: partitions are assigned by hand, nothing is committed.
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "flowsentry-alerts");
        return p;
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new IllegalStateException("no answer from " + kafka.bootstrap + " within " + METADATA_TIMEOUT.toSeconds()
                    + " s (is the broker running? `flowsentry kafka` starts one)", e);
        }
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " does not exist at " + kafka.bootstrap
                    + " (`flowsentry kafka` creates the FlowSentry topics)");
        }
        List<TopicPartition> out = new ArrayList<>();
        for (PartitionInfo i : infos) out.add(new TopicPartition(topic, i.partition()));
        return out;
    }

    private static boolean atEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) return false;
        }
        return true;
    }

    private interface Sink extends AutoCloseable {
        void write(Alert alert) throws java.io.IOException;

        @Override
        void close() throws java.io.IOException;
    }

    /**
     * Aligned columns for a stream whose rows are not known in advance: each column starts at a
     * width that fits the usual values (an IPv4 address with port) and widens for a longer one.
     */
    static final class TableSink implements Sink {
        private static final int[] MIN_WIDTHS = {24, 21, 21, 8, 5, 8, 0};
        private final PrintStream out;
        private final int[] widths = MIN_WIDTHS.clone();

        TableSink(PrintStream out) {
            this.out = out;
            row(AlertRows.TABLE_HEADER);
        }

        @Override
        public void write(Alert alert) {
            row(AlertRows.tableCells(alert));
        }

        private void row(List<String> cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                String c = cells.get(i);
                boolean last = i == cells.size() - 1;
                widths[i] = Math.max(widths[i], c.length());
                // Numbers right-aligned, text left-aligned.
                line.append(i == 4 ? pad(c, widths[i], true) : last ? c : pad(c, widths[i], false));
                if (!last) line.append("  ");
            }
            out.println(line);
            out.flush();
        }

        private static String pad(String s, int width, boolean right) {
            String spaces = " ".repeat(Math.max(0, width - s.length()));
            return right ? spaces + s : s + spaces;
        }

        @Override
        public void close() {
            out.flush();
        }
    }

    /** CSV with a header, flushed after every row so that the file can be followed while it grows. */
    static final class CsvSink implements Sink {
        private final CsvWriter csv;

        CsvSink(Path file) throws java.io.IOException {
            csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).autoFlush(true).build(file, StandardCharsets.UTF_8);
            csv.writeRecord(AlertRows.CSV_HEADER);
        }

        @Override
        public void write(Alert alert) {
            csv.writeRecord(AlertRows.csvCells(alert));
        }

        @Override
        public void close() throws java.io.IOException {
            csv.close();
        }
    }
}
