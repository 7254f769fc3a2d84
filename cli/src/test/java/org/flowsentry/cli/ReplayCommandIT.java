package org.flowsentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flowsentry.core.generate.GeneratorOptions;
import org.flowsentry.core.generate.ScenarioKind;
import org.flowsentry.core.generate.ScenarioSpec;
import org.flowsentry.core.generate.TrafficGenerator;
import org.flowsentry.core.ingest.FlowFiles;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.ingest.own.FlowRecordFields;
import org.flowsentry.core.output.FlowFileFormat;
import org.flowsentry.core.output.FlowWriter;
import org.flowsentry.core.testing.SharedData;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.kafka.testing.KafkaBrokerExtension;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `flowsentry replay` against a real broker: what arrives, how it is keyed and timed, pacing, stop and resume. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReplayCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    static String bootstrap;
    /** A generated, labelled capture (benign traffic plus a port scan and an SSH brute force). */
    static Path generated;
    static List<FlowRecord> generatedFlows;

    @BeforeAll
    static void writeACapture() throws Exception {
        bootstrap = KAFKA.bootstrapServers();
        GeneratorOptions options = GeneratorOptions.defaults().withSeed(5).withDuration(Duration.ofMinutes(20))
                .withHosts(40, 6).withPeakFlowsPerSecond(20).withScenarios(List.of(
                        new ScenarioSpec(ScenarioKind.VERTICAL_PORT_SCAN, Duration.ofMinutes(2), Duration.ofSeconds(20), 1),
                        new ScenarioSpec(ScenarioKind.SSH_BRUTE_FORCE, Duration.ofMinutes(8), Duration.ofMinutes(2), 1)));
        generated = dir.resolve("generated.avro");
        try (FlowWriter w = FlowFileFormat.AVRO.open(generated)) {
            for (FlowRecord f : new TrafficGenerator(options)) w.write(f);
        }
        generatedFlows = read(generated, null);
    }

    static List<FlowRecord> read(Path file, String label) throws Exception {
        List<FlowRecord> out = new ArrayList<>();
        try (FlowReader r = FlowFiles.open(file, null, ReadErrors.unlimited())) {
            while (r.hasNext()) {
                FlowRecord f = r.next();
                if (label != null && f.getLabel() == null) f.setLabel(label);
                out.add(f);
            }
        }
        return out;
    }

    static List<FlowRecord> avro(List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        List<FlowRecord> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) out.add(AvroWire.FLOW_RECORD.decode(r.value()));
        return out;
    }

    @Test
    void aGeneratedCaptureArrivesWhole_keyedBySourceAddress_inOrderPerHost_withLabelsAndFlowTimes() throws Exception {
        String topic = KafkaTopics.create(KAFKA.broker(), "flows-generated", 3);
        CliRun run = CliRun.run("replay", "--bootstrap", bootstrap, "--topic", topic, "--data", generated.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(String.format("replayed %,d flows to topic %s", generatedFlows.size(), topic));

        List<ConsumerRecord<byte[], byte[]>> records = KafkaTopics.readAll(bootstrap, topic);
        assertThat(records).hasSize(generatedFlows.size());
        assertThat(generatedFlows.size()).isGreaterThan(1_000);
        assertThat(generatedFlows.stream().map(FlowRecord::getLabel).distinct()).hasSizeGreaterThanOrEqualTo(3);

        // Per partition, the flows are a subsequence of the file in file order, and a host never spans partitions.
        Map<String, Integer> partitionOf = new HashMap<>();
        Map<Integer, List<FlowRecord>> byPartition = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            FlowRecord f = AvroWire.FLOW_RECORD.decode(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(f.getSrcAddr());
            assertThat(r.timestamp()).isEqualTo(f.getStartMs());
            assertThat(partitionOf.computeIfAbsent(f.getSrcAddr(), a -> r.partition())).as(f.getSrcAddr()).isEqualTo(r.partition());
            byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(f);
        }
        assertThat(byPartition).hasSize(3);
        for (Map.Entry<Integer, List<FlowRecord>> p : byPartition.entrySet()) {
            List<FlowRecord> expected = generatedFlows.stream().filter(f -> partitionOf.get(f.getSrcAddr()).equals(p.getKey())).toList();
            assertThat(p.getValue()).as("partition %d", p.getKey()).isEqualTo(expected); // every field (labels too), file order
        }
    }

    @Test
    void theRealCtuPortScanCaptureArrivesInOrderAsJsonWithItsLabel() throws Exception {
        Path file = SharedData.file("ctu-argus/test11-portscan.binetflow");
        List<FlowRecord> expected = read(file, "PortScan");
        assertThat(expected).hasSize(66);
        String topic = KafkaTopics.create(KAFKA.broker(), "flows-ctu", 1);
        CliRun run = CliRun.run("replay", "--bootstrap", bootstrap, "--topic", topic, "--wire", "json", "--label", "PortScan",
                "--data", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("argus", "66 flows read", "66 sent", "0 malformed");

        List<ConsumerRecord<byte[], byte[]>> records = KafkaTopics.readAll(bootstrap, topic);
        List<FlowRecord> got = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            FlowRecord f = FlowRecordFields.fromJson(JSON.readTree(r.value())); // the job's flowsentry-json
            got.add(f);
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(f.getSrcAddr());
            assertThat(r.timestamp()).isEqualTo(f.getStartMs()); // a topic without time retention keeps the flows' times
        }
        assertThat(got).isEqualTo(expected);
        assertThat(got).allSatisfy(f -> assertThat(f.getLabel()).isEqualTo("PortScan"));
    }

    @Test
    void flowsOlderThanTheTopicRetentionGetTheSendTimeUnlessAsked() throws Exception {
        Path file = SharedData.file("ctu-argus/test11-portscan.binetflow");
        String topic = "flows-retained";
        KAFKA.broker().createTopics(org.flowsentry.kafka.TopicSpec.of(topic, 1)); // the broker's 7-day retention
        long before = System.currentTimeMillis();
        CliRun auto = CliRun.run("replay", "--bootstrap", bootstrap, "--topic", topic, "--data", file.toString());
        assertThat(auto.exitCode()).as(auto.err()).isZero();
        assertThat(auto.err()).contains("older than topic " + topic + " keeps records (retention.ms = 7 days)",
                "carry the send time");
        CliRun forced = CliRun.run("replay", "--bootstrap", bootstrap, "--topic", topic, "--record-time", "flow", "--data",
                file.toString());
        assertThat(forced.err()).contains("warning:", "--record-time auto or now");
        // The retention check deletes a segment only when all its records are too old; the first 66 keep this one.
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTopics.readAll(bootstrap, topic);
        assertThat(records).hasSize(132);
        assertThat(records.subList(0, 66)).allSatisfy(r -> assertThat(r.timestamp()).isGreaterThanOrEqualTo(before));
        List<FlowRecord> flows = read(file, null);
        for (int i = 0; i < 66; i++) assertThat(records.get(66 + i).timestamp()).isEqualTo(flows.get(i).getStartMs());
    }

    @Test
    void fromAndLimitSelectAWindowAndCtrlCSaysExactlyWhereToResume() throws Exception {
        String topic = KafkaTopics.create(KAFKA.broker(), "flows-resume", 1);
        // --from 10 --limit 20: flows 10..29 of the file.
        CliRun window = CliRun.run("replay", "--bootstrap", bootstrap, "--topic", topic, "--from", "10", "--limit", "20",
                "--data", generated.toString());
        assertThat(window.out()).contains("continue with --from 30");
        assertThat(avro(KafkaTopics.readAll(bootstrap, topic))).isEqualTo(generatedFlows.subList(10, 30));

        // A paced replay from 30, stopped (as Ctrl-C does) once some flows are in.
        AtomicReference<ReplayCommand> command = new AtomicReference<>();
        AtomicReference<CliRun> stopped = new AtomicReference<>();
        Thread replay = new Thread(() -> stopped.set(CliRun.run(cli -> command.set(cli.getSubcommands().get("replay").getCommand()),
                "replay", "--bootstrap", bootstrap, "--topic", topic, "--from", "30", "--rate", "200", "--data", generated.toString())));
        replay.start();
        KafkaTopics.awaitAtLeast(bootstrap, topic, 20 + 100);
        command.get().stop();
        replay.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(replay.isAlive()).isFalse();
        Matcher m = Pattern.compile("stopped after (\\d+) flows; resume with --from (\\d+)").matcher(stopped.get().err());
        assertThat(m.find()).as(stopped.get().err()).isTrue();
        int resume = Integer.parseInt(m.group(2));
        assertThat(m.group(1)).isEqualTo(m.group(2));
        assertThat(resume).isBetween(130, generatedFlows.size() - 1);
        assertThat(avro(KafkaTopics.readAll(bootstrap, topic))).as("nothing after the position was sent")
                .isEqualTo(generatedFlows.subList(10, resume));

        CliRun rest = CliRun.run("replay", "--bootstrap", bootstrap, "--topic", topic, "--from", Integer.toString(resume),
                "--data", generated.toString());
        assertThat(rest.exitCode()).as(rest.err()).isZero();
        assertThat(rest.out()).contains(String.format("skipped     the first %,d flows (--from)", resume));
        assertThat(avro(KafkaTopics.readAll(bootstrap, topic))).as("no flow lost, none twice")
                .isEqualTo(generatedFlows.subList(10, generatedFlows.size()));
    }

    @Test
    void aRateSpreadsTheSendTimesOverAtLeastTheIntervalsItAsksFor() throws Exception {
        String topic = KafkaTopics.create(KAFKA.broker(), "flows-rate", 1);
        // 51 flows at 50/s: 50 intervals of 20 ms, so 1 s from the first send to the last; more on a busy machine, and
        // less only by how late the first send was (50 ms of slack; unpaced, these 51 take about 5 ms).
        CliRun run = CliRun.run("replay", "--bootstrap", bootstrap, "--topic", topic, "--rate", "50", "--limit", "51",
                "--record-time", "now", "--data", generated.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTopics.readAll(bootstrap, topic);
        assertThat(records).hasSize(51);
        long spread = records.get(50).timestamp() - records.get(0).timestamp();
        System.out.println("51 flows at --rate 50: send times spread over " + spread + " ms");
        assertThat(spread).isGreaterThanOrEqualTo(1000 - 50);
    }

    @Test
    void aSpeedupFollowsTheRecordedTimesOfARealCapture() throws Exception {
        Path file = SharedData.file("ctu-argus/test11-portscan.binetflow");
        List<FlowRecord> flows = read(file, null);
        long span = flows.stream().mapToLong(FlowRecord::getStartMs).max().orElseThrow() - flows.get(0).getStartMs();
        String topic = KafkaTopics.create(KAFKA.broker(), "flows-speedup", 1);
        CliRun run = CliRun.run("replay", "--bootstrap", bootstrap, "--topic", topic, "--speedup", "500", "--record-time", "now",
                "--data", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTopics.readAll(bootstrap, topic);
        assertThat(records).hasSize(66);
        long spread = records.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow() - records.get(0).timestamp();
        System.out.printf("66 CTU flows spanning %d ms at --speedup 500: send times spread over %d ms (expected >= %d)%n",
                span, spread, span / 500);
        assertThat(spread).isGreaterThanOrEqualTo(span / 500 - 50);
    }

    @Test
    void aSpeedupOnFlowsWithoutTimesIsAClearErrorAndSendsNothing() throws Exception {
        Path untimed = dir.resolve("untimed.json");
        try (FlowWriter w = FlowFileFormat.JSON.open(untimed)) {
            for (FlowRecord f : generatedFlows.subList(0, 10)) w.write(FlowRecord.newBuilder(f).setStartMs(null).setEndMs(null).build());
        }
        String topic = KafkaTopics.create(KAFKA.broker(), "flows-untimed", 1);
        CliRun run = CliRun.run("replay", "--bootstrap", bootstrap, "--topic", topic, "--speedup", "10", "--data", untimed.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("flow 1 has no start time (flowsentry-json), so --speedup cannot follow recorded times;"
                + " use --rate N instead");
        assertThat(KafkaTopics.readAll(bootstrap, topic)).isEmpty();

        CliRun both = CliRun.run("replay", "--bootstrap", bootstrap, "--speedup", "10", "--rate", "5", "--data", untimed.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }
}
