package org.flowsentry.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.flowsentry.core.bundle.BundleKeys;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.generate.GeneratorOptions;
import org.flowsentry.core.generate.TrafficGenerator;
import org.flowsentry.core.testing.Programs;
import org.flowsentry.job.JobConfig;
import org.flowsentry.kafka.FlowSentryTopics;
import org.flowsentry.kafka.LocalKafkaBroker;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real third-party Kafka client end to end: kcat (librdkafka) produces goflow2 JSON flows, the
 * job (on a MiniCluster, with a signed bundle trained here on goflow2-shaped benign traffic)
 * scores them, and kcat reads the JSON alerts back: the port scan's source is flagged.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class KcatIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCANNER = "203.0.113.66";
    private static final int SCANNED_PORTS = 400;
    private static final Duration WAIT = Duration.ofSeconds(120);
    /**
     * A fixed Sunday 11:00 UTC (the generated site's local time), so every run has the same flows. With the
     * wall clock the data changed with the hour and weekday: on a Monday morning the model learnt the
     * Sunday's quiet hours and the busy benign hosts of a weekday's peak out-alerted the scan (offline: up
     * to 1,235 alerts from one host against the scanner's 400). kcat stamps records with the send time,
     * so the old flow times are no concern for the topics' retention.
     */
    private static final long NOW = Instant.parse("2026-01-11T11:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void kcatProducesGoflow2FlowsAndReadsBackAlertsThatFlagThePortScan() throws Exception {
        String kcat = Programs.require("kcat", "kcat").toString();
        long now = NOW;

        // A model of normal traffic as goflow2 exports it (one direction per flow record, so no reply counters):
        // the same network at the same hours the day before.
        GeneratorOptions network = GeneratorOptions.defaults().withSeed(4).withHosts(60, 8).withPeakFlowsPerSecond(30)
                .withScenarios(List.of());
        Path training = dir.resolve("benign-goflow2.json");
        writeLines(training, new TrafficGenerator(network.withStartMs(now - Duration.ofHours(26).toMillis())
                .withDuration(Duration.ofHours(3))).stream().map(f -> goflow2(f, now)).toList());
        Path bundle = dir.resolve("bundle.avro");
        BundleKeys.write(BundleKeys.generate(), dir.resolve("ops.key"), dir.resolve("ops.pub"));
        CliRun train = CliRun.run("train", "--data", training.toString(), "--format", "goflow2", "--out", bundle.toString(),
                "--key", dir.resolve("ops.key").toString(), "--max-train-rows", "20000");
        assertThat(train.exitCode()).as(train.err()).isZero();

        // The last 20 minutes, with a SYN scan of one server 5 minutes ago.
        List<FlowRecord> benign = new TrafficGenerator(network.withSeed(5).withStartMs(now - Duration.ofMinutes(20).toMillis())
                .withDuration(Duration.ofMinutes(20))).stream().toList();
        String target = mostContacted(benign);
        List<FlowRecord> flows = new ArrayList<>(benign);
        long scanStart = now - Duration.ofMinutes(5).toMillis();
        for (int i = 0; i < SCANNED_PORTS; i++) flows.add(synProbe(scanStart + i * 25L, target, 1 + i));
        flows.sort(Comparator.comparingLong(FlowRecord::getStartMs));
        List<String> messages = flows.stream().map(f -> goflow2(f, now)).toList();
        Path input = dir.resolve("kcat-input.txt");
        // kcat -K: splits key and value at the first ':' of each line: key = source address, as exporters key by.
        writeLines(input, IntStream.range(0, flows.size()).mapToObj(i -> flows.get(i).getSrcAddr() + ":" + messages.get(i)).toList());

        try (LocalKafkaBroker broker = new LocalKafkaBroker(LocalKafkaBroker.Options.defaults(dir.resolve("kafka"))).start()) {
            String bootstrap = broker.bootstrapServers();
            FlowSentryTopics.createAll(bootstrap);
            RunningJob job = RunningJob.start(JobConfig.fromMap(Map.of(
                    JobConfig.KAFKA_BOOTSTRAP_SERVERS.key(), bootstrap,
                    JobConfig.INPUT_FORMAT.key(), "goflow2",
                    JobConfig.ALERT_FORMAT.key(), "JSON",
                    JobConfig.MODEL_INITIAL_BUNDLE.key(), bundle.toString(),
                    JobConfig.MODEL_TRUSTED_KEYS.key(), dir.resolve("ops.pub").toString(),
                    JobConfig.PARALLELISM.key(), "1")));
            try {
                // Idempotent, so that retries keep the order: the new topic's leader refuses the first produce
                // requests for some milliseconds (NOT_LEADER_OR_FOLLOWER), and without it librdkafka wrote the
                // retried first batches after the later ones (seen: the first 28 to 5,060 of the 8,481 lines last).
                Process producer = new ProcessBuilder(kcat, "-P", "-b", bootstrap, "-t", FlowSentryTopics.FLOWS, "-K:",
                        "-X", "enable.idempotence=true").redirectInput(input.toFile()).redirectErrorStream(true).start();
                assertThat(producer.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("kcat -P finished").isTrue();
                assertThat(producer.exitValue()).as(new String(producer.getInputStream().readAllBytes(), UTF_8)).isZero();
                assertThat(KafkaTopics.awaitAtLeast(bootstrap, FlowSentryTopics.FLOWS, flows.size())).isEqualTo(flows.size());
                // The job updates host context in the topic's order: 20 minutes of flows out of order made most
                // benign flows alert (2,892 of 4,058 in the first 10 minutes when the first 5,060 lines came last).
                List<String> topic = KafkaTopics.readAll(bootstrap, FlowSentryTopics.FLOWS).stream()
                        .map(r -> new String(r.value(), UTF_8)).toList();
                assertThat(firstDifference(topic, messages)).as("first offset of the flows topic that is not kcat's line"
                        + " there (-1: the topic holds the input in order)").isEqualTo(-1);

                List<JsonNode> alerts = readAlertsUntil(kcat, bootstrap, a -> SCANNER.equals(a.path("srcAddr").asText()), job);
                Map<String, Long> bySource = alerts.stream().collect(Collectors.groupingBy(a -> a.path("srcAddr").asText(),
                        Collectors.counting()));
                long scanAlerts = bySource.getOrDefault(SCANNER, 0L);
                List<JsonNode> benignAlerts = alerts.stream().filter(a -> !SCANNER.equals(a.path("srcAddr").asText())).toList();
                long warm = now - Duration.ofMinutes(10).toMillis(); // the job's host state starts empty
                System.out.printf("kcat produced %,d goflow2 flows (%,d benign, %d scan probes of %s); kcat read %,d JSON alerts:"
                                + " %d from the scanner, %d from %d other sources%n", flows.size(), benign.size(), SCANNED_PORTS,
                        target, alerts.size(), scanAlerts, benignAlerts.size(), bySource.size() - (scanAlerts > 0 ? 1 : 0));
                // After the scan, the scanned server's own context (peers, ports, failed connections) is unusual for a
                // while, so its legitimate clients' flows alert too (with this data: 387 of them; 18 elsewhere).
                System.out.printf("benign alerts: %d in the first 10 minutes (of %d flows), %d after (of %d flows): %d to the"
                                + " scanned server after the scan started, %d elsewhere%n",
                        count(benignAlerts, a -> a.path("flowStartMs").asLong() < warm), count(benign, f -> f.getStartMs() < warm),
                        count(benignAlerts, a -> a.path("flowStartMs").asLong() >= warm), count(benign, f -> f.getStartMs() >= warm),
                        count(benignAlerts, a -> a.path("flowStartMs").asLong() >= scanStart && target.equals(a.path("dstAddr").asText())),
                        count(benignAlerts, a -> a.path("flowStartMs").asLong() >= scanStart && !target.equals(a.path("dstAddr").asText())));
                assertThat(scanAlerts).as("alerts from the scanner (with this data: all 400)").isGreaterThanOrEqualTo(SCANNED_PORTS / 2);
                assertThat(bySource.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey())
                        .as("the source with the most alerts").isEqualTo(SCANNER);
                JsonNode first = alerts.stream().filter(a -> SCANNER.equals(a.path("srcAddr").asText())).findFirst().orElseThrow();
                assertThat(first.path("dstAddr").asText()).isEqualTo(target);
                assertThat(first.path("protocol").asInt()).isEqualTo(Protocols.TCP);
                assertThat(first.path("detectors").size()).isPositive();
            } finally {
                job.cancel();
            }
        }
    }

    /** Reads the alerts topic with kcat (-e: to its end) until one alert matches, or fails after the wait. */
    private static List<JsonNode> readAlertsUntil(String kcat, String bootstrap, Predicate<JsonNode> wanted, RunningJob job)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Process consumer = new ProcessBuilder(kcat, "-C", "-b", bootstrap, "-t", FlowSentryTopics.ALERTS, "-e", "-o", "beginning",
                    "-q").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = consumer.getInputStream().readAllBytes();
            assertThat(consumer.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("kcat -C finished").isTrue();
            List<JsonNode> alerts = new ArrayList<>();
            for (String line : new String(out, UTF_8).split("\n")) if (!line.isBlank()) alerts.add(JSON.readTree(line));
            if (alerts.stream().anyMatch(wanted)) return alerts;
            job.requireRunning();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no wanted alert within " + WAIT + "; " + alerts.size() + " alerts read");
            }
            TimeUnit.SECONDS.sleep(2);
        }
    }

    /** A goflow2 2.x JSON message (`-format=json`) for one direction of a flow, as an IPFIX exporter sends it. */
    static String goflow2(FlowRecord f, long receivedMs) {
        ObjectNode m = JSON.createObjectNode();
        m.put("type", "IPFIX");
        m.put("time_received_ns", Math.max(receivedMs, f.getEndMs()) * 1_000_000L);
        m.put("sequence_num", 1);
        m.put("sampling_rate", 0);
        m.put("sampler_address", "192.0.2.1");
        m.put("time_flow_start_ns", f.getStartMs() * 1_000_000L);
        m.put("time_flow_end_ns", f.getEndMs() * 1_000_000L);
        m.put("bytes", f.getSrcBytes());
        m.put("packets", f.getSrcPackets());
        m.put("src_addr", f.getSrcAddr());
        m.put("dst_addr", f.getDstAddr());
        m.put("etype", "IPv4");
        int p = f.getProtocol();
        m.put("proto", p == Protocols.TCP ? "TCP" : p == Protocols.UDP ? "UDP" : p == Protocols.ICMP ? "ICMP" : Integer.toString(p));
        m.put("src_port", f.getSrcPort() == null ? 0 : f.getSrcPort());
        m.put("dst_port", f.getDstPort() == null ? 0 : f.getDstPort());
        m.put("tcp_flags", f.getTcpFlags() == null ? 0 : f.getTcpFlags());
        m.put("icmp_type", f.getIcmpType() == null ? 0 : f.getIcmpType());
        m.put("icmp_code", f.getIcmpCode() == null ? 0 : f.getIcmpCode());
        return m.toString();
    }

    /** One SYN to a port, unanswered or reset: a single 44-byte packet, as a scanner's probe looks to a flow exporter. */
    static FlowRecord synProbe(long startMs, String target, int port) {
        return FlowRecord.newBuilder()
                .setStartMs(startMs).setEndMs(startMs).setDurationUs(0)
                .setSrcAddr(SCANNER).setSrcPort(40_000 + port % 20_000).setDstAddr(target).setDstPort(port)
                .setProtocol(Protocols.TCP).setTcpFlags(2)
                .setSrcPackets(1).setSrcBytes(44).setDstPackets(0).setDstBytes(0)
                .build();
    }

    /** The first index at which the lists differ (one ending early counts), or -1 when they are equal. */
    private static int firstDifference(List<String> a, List<String> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) if (!a.get(i).equals(b.get(i))) return i;
        return a.size() == b.size() ? -1 : n;
    }

    private static <T> long count(List<T> items, Predicate<T> which) {
        return items.stream().filter(which).count();
    }

    private static String mostContacted(List<FlowRecord> flows) {
        return flows.stream().collect(Collectors.groupingBy(FlowRecord::getDstAddr, Collectors.counting())).entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static void writeLines(Path file, List<String> lines) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, UTF_8)) {
            for (String l : lines) w.write(l + "\n");
        }
    }
}
