package org.flowsentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.job.support.AlertEncoder;
import org.flowsentry.job.support.AlertFormat;
import org.flowsentry.kafka.testing.KafkaBrokerExtension;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.Severity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `flowsentry alerts` against a real broker: Avro and JSON alerts as a table and as CSV, garbage skipped, following. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AlertsCommandIT {
    @TempDir
    static Path dir;
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    static String bootstrap;

    static final Alert HIGH = TestAlerts.alert("alert-high", "10.0.0.5", "192.168.1.10", 1_000, Severity.HIGH, "SSH-Patator");
    static final Alert LOW = TestAlerts.alert("alert-low", "10.0.0.7", "192.168.1.11", 2_000, Severity.LOW, null);
    static final Alert MEDIUM = TestAlerts.alert("alert-medium", "10.0.0.9", "192.168.1.12", 3_000, Severity.MEDIUM, "PortScan");

    @BeforeAll
    static void connect() {
        bootstrap = KAFKA.bootstrapServers();
    }

    /** A topic holding, in this order: HIGH as Avro, LOW as JSON, a garbage message (offset 2), MEDIUM as Avro. */
    static String alertsTopic(String name) throws Exception {
        String topic = KafkaTopics.create(KAFKA.broker(), name, 1);
        KafkaTopics.produce(bootstrap, topic, AlertEncoder.key(HIGH), AvroWire.ALERT.encode(HIGH));
        KafkaTopics.produce(bootstrap, topic, AlertEncoder.key(LOW), new AlertEncoder(AlertFormat.JSON).value(LOW));
        KafkaTopics.produce(bootstrap, topic, null, "not an alert".getBytes(StandardCharsets.UTF_8));
        KafkaTopics.produce(bootstrap, topic, AlertEncoder.key(MEDIUM), AvroWire.ALERT.encode(MEDIUM));
        return topic;
    }

    static List<String> lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void aTableOfAvroAndJsonAlertsWithTheGarbageMessageSkippedOnStderr() throws Exception {
        String topic = alertsTopic("alerts-table");
        CliRun run = CliRun.run("alerts", "--bootstrap", bootstrap, "--topic", topic, "--from-beginning", "--exit-at-end");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = lines(run.out());
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).split("\\s{2,}")).containsExactly("Timestamp", "Src IP", "Dst IP", "Protocol", "Score", "Severity",
                "Detectors");
        assertThat(lines.get(1).split("\\s{2,}")).containsExactly("2026-01-05T00:00:01.000Z", "10.0.0.5:40000", "192.168.1.10:22",
                "TCP", "0.987", "HIGH", "isolation_forest,kmeans_distance");
        assertThat(lines.get(2)).contains("10.0.0.7:40000", "192.168.1.11:22", "LOW");
        assertThat(lines.get(3)).contains("10.0.0.9:40000", "MEDIUM");
        int severity = lines.get(0).indexOf("Severity");
        assertThat(lines.subList(1, 4)).allSatisfy(l -> assertThat(l.indexOf(l.contains("HIGH") ? "HIGH" : l.contains("LOW") ? "LOW" : "MEDIUM"))
                .isEqualTo(severity));
        assertThat(run.err()).contains("skipped undecodable message at " + topic + "-0 offset 2: neither an Avro alert nor JSON",
                "3 alerts, 1 undecodable message skipped");
    }

    @Test
    void csvHasAHeaderAndOneRowPerAlertWithIdModelLabelAndExplanation() throws Exception {
        String topic = alertsTopic("alerts-csv");
        Path csv = dir.resolve("alerts.csv");
        CliRun run = CliRun.run("alerts", "--bootstrap", bootstrap, "--topic", topic, "--from-beginning", "--exit-at-end",
                "--csv", csv.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("3 alerts written to " + csv);
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
            reader.forEach(r -> rows.add(r.getFields()));
        }
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).containsExactly("Timestamp", "Src IP", "Src Port", "Dst IP", "Dst Port", "Protocol", "Score", "Severity",
                "Detectors", "Alert ID", "Model ID", "Model Version", "Label", "Explanation");
        assertThat(rows.get(1)).containsExactly("2026-01-05T00:00:01.000Z", "10.0.0.5", "40000", "192.168.1.10", "22", "TCP", "0.9871",
                "HIGH", "isolation_forest,kmeans_distance", "alert-high", "flowsentry", "1767571200123", "SSH-Patator",
                HIGH.getExplanation());
        assertThat(rows.get(2)).containsSequence("alert-low", "flowsentry", "1767571200123", "");
        assertThat(rows.get(3)).contains("alert-medium", "PortScan", "MEDIUM");
    }

    @Test
    void maxAndMinSeverityChooseWhatIsShown() throws Exception {
        String topic = alertsTopic("alerts-filter");
        CliRun medium = CliRun.run("alerts", "--bootstrap", bootstrap, "--topic", topic, "--from-beginning", "--exit-at-end",
                "--min-severity", "medium");
        assertThat(lines(medium.out())).hasSize(3);
        assertThat(medium.out()).contains("HIGH", "MEDIUM").doesNotContain("LOW");
        assertThat(medium.err()).contains("2 alerts, 1 below MEDIUM left out");

        CliRun first = CliRun.run("alerts", "--bootstrap", bootstrap, "--topic", topic, "--from-beginning", "--max", "1");
        assertThat(lines(first.out())).hasSize(2);
        assertThat(first.out()).contains("HIGH");
    }

    @Test
    void itFollowsNewAlertsOnly() throws Exception {
        String topic = KafkaTopics.create(KAFKA.broker(), "alerts-follow", 1);
        KafkaTopics.produce(bootstrap, topic, null, AvroWire.ALERT.encode(LOW)); // before the start: not shown
        AtomicReference<CliRun> result = new AtomicReference<>();
        Thread follow = new Thread(() -> result.set(CliRun.run("alerts", "--bootstrap", bootstrap, "--topic", topic, "--max", "1")));
        follow.start();
        // It starts at the end of the topic at a moment the test cannot see: produce until it has shown one.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (follow.isAlive()) {
            assertThat(System.nanoTime()).as("an alert shown within 60 s").isLessThan(deadline);
            KafkaTopics.produce(bootstrap, topic, AlertEncoder.key(HIGH), new AlertEncoder(AlertFormat.JSON).value(HIGH));
            follow.join(300);
        }
        assertThat(result.get().exitCode()).isZero();
        assertThat(lines(result.get().out())).hasSize(2);
        assertThat(result.get().out()).contains("HIGH").doesNotContain("LOW");
    }

    @Test
    void ctrlCStopsAFollowerThatWaitsForAlerts() throws Exception {
        String topic = KafkaTopics.create(KAFKA.broker(), "alerts-idle", 1);
        AtomicReference<AlertsCommand> command = new AtomicReference<>();
        AtomicReference<CliRun> result = new AtomicReference<>();
        Thread follow = new Thread(() -> result.set(CliRun.run(cli -> command.set(cli.getSubcommands().get("alerts").getCommand()),
                "alerts", "--bootstrap", bootstrap, "--topic", topic)));
        follow.start();
        follow.join(2_000); // polling an empty topic
        assertThat(follow.isAlive()).isTrue();
        command.get().stop(); // what the Ctrl-C hook does
        follow.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(follow.isAlive()).as("stopped").isFalse();
        assertThat(result.get().exitCode()).isZero();
        assertThat(lines(result.get().out())).hasSize(1); // the header
        assertThat(result.get().err()).contains("0 alerts");
    }
}
