package org.flowsentry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.core.wire.WireFormatException;
import org.flowsentry.job.support.AlertEncoder;
import org.flowsentry.job.support.AlertFormat;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.Severity;
import org.junit.jupiter.api.Test;

/** Alerts decoded from both encodings the job writes, and laid out as table and CSV rows. */
class AlertRowsTest {
    private final Alert alert = TestAlerts.alert("a-1", "10.0.0.5", "192.168.1.10", 1234, Severity.HIGH, "SSH-Patator");

    @Test
    void jsonAsTheJobWritesItDecodesToTheSameAlert() throws Exception {
        byte[] json = new AlertEncoder(AlertFormat.JSON).value(alert);
        assertThat(AlertRows.decode(json, AlertRows.Format.JSON)).isEqualTo(alert);
        assertThat(AlertRows.decode(json, AlertRows.Format.AUTO)).isEqualTo(alert);
    }

    @Test
    void avroDecodesToTheSameAlertAndAutoTellsTheEncodingsApart() throws Exception {
        byte[] avro = AvroWire.ALERT.encode(alert);
        assertThat(AlertRows.decode(avro, AlertRows.Format.AVRO)).isEqualTo(alert);
        assertThat(AlertRows.decode(avro, AlertRows.Format.AUTO)).isEqualTo(alert);
    }

    @Test
    void nullsAndNonFiniteNumbersSurviveJson() throws Exception {
        Alert sparse = Alert.newBuilder(alert).setSrcPort(null).setDstPort(null).setProtocol(1).setLabel(null).setFlowEndMs(null)
                .setExporter(null).build();
        sparse.getDetectors().get(1).setRawScore(Double.NaN);
        Alert back = AlertRows.decode(new AlertEncoder(AlertFormat.JSON).value(sparse), AlertRows.Format.JSON);
        assertThat(back.getSrcPort()).isNull();
        assertThat(back.getLabel()).isNull();
        assertThat(back.getDetectors().get(1).getRawScore()).isNaN();
        assertThat(back.getAlertId()).isEqualTo("a-1");
    }

    @Test
    void anythingElseIsAReadableDecodeError() {
        assertThatThrownBy(() -> AlertRows.decode("garbage".getBytes(StandardCharsets.UTF_8), AlertRows.Format.AUTO))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("neither an Avro alert nor JSON");
        assertThatThrownBy(() -> AlertRows.decode("{\"alertId\":\"x\"}".getBytes(StandardCharsets.UTF_8), AlertRows.Format.AUTO))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("not a FlowSentry alert");
        assertThatThrownBy(() -> AlertRows.decode("[1,2]".getBytes(StandardCharsets.UTF_8), AlertRows.Format.JSON))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> AlertRows.decode(new AlertEncoder(AlertFormat.JSON).value(alert), AlertRows.Format.AVRO))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> AlertRows.decode(null, AlertRows.Format.AUTO)).isInstanceOf(WireFormatException.class);
    }

    @Test
    void tableCellsShowTimePortsProtocolScoreAndTheDetectorsThatVoted() {
        assertThat(AlertRows.tableCells(alert)).containsExactly("2026-01-05T00:00:01.234Z", "10.0.0.5:40000", "192.168.1.10:22",
                "TCP", "0.987", "HIGH", "isolation_forest,kmeans_distance");
        assertThat(AlertRows.endpoint("2001:db8::1", 443)).isEqualTo("[2001:db8::1]:443");
        assertThat(AlertRows.endpoint("10.0.0.1", null)).isEqualTo("10.0.0.1");
        assertThat(AlertRows.endpoint(null, null)).isEqualTo("-");
        Alert icmp = Alert.newBuilder(alert).setProtocol(1).setSrcPort(null).setDstPort(null).build();
        assertThat(AlertRows.tableCells(icmp)).containsSequence("10.0.0.5", "192.168.1.10", "ICMP");
    }

    @Test
    void csvCellsKeepPortsApartAndAddIdModelLabelAndExplanation() {
        assertThat(AlertRows.CSV_HEADER).hasSameSizeAs(AlertRows.csvCells(alert));
        assertThat(AlertRows.csvCells(alert)).containsExactly("2026-01-05T00:00:01.234Z", "10.0.0.5", "40000", "192.168.1.10", "22",
                "TCP", "0.9871", "HIGH", "isolation_forest,kmeans_distance", "a-1", "flowsentry", "1767571200123", "SSH-Patator",
                alert.getExplanation());
        assertThat(AlertRows.csvCells(Alert.newBuilder(alert).setLabel(null).build()).get(12)).isEmpty();
    }

    @Test
    void tableColumnsStayAlignedAndWidenForLongAddresses() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AlertsCommand.TableSink table = new AlertsCommand.TableSink(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        table.write(alert);
        table.write(TestAlerts.alert("a-2", "10.0.0.66", "10.0.0.1", 2000, Severity.LOW, null));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("Timestamp").contains("Src IP", "Dst IP", "Protocol", "Score", "Severity", "Detectors");
        int dst = lines[0].indexOf("Dst IP");
        int severity = lines[0].indexOf("Severity");
        assertThat(lines[1].indexOf("192.168.1.10:22")).isEqualTo(dst);
        assertThat(lines[2].indexOf("10.0.0.1:22")).isEqualTo(dst);
        assertThat(lines[1].indexOf("HIGH")).isEqualTo(severity);
        assertThat(lines[2].indexOf("LOW")).isEqualTo(severity);

        table.write(TestAlerts.alert("a-3", "2001:db8:1234:5678:9abc:def0:1234:5678", "10.0.0.1", 3000, Severity.MEDIUM, null));
        String wide = bytes.toString(StandardCharsets.UTF_8).split("\n")[3];
        assertThat(wide).startsWith("2026-01-05T00:00:03.000Z  [2001:db8:1234:5678:9abc:def0:1234:5678]:40000  10.0.0.1:22");
    }
}
