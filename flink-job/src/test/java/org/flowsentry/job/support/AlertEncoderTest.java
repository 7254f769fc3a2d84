package org.flowsentry.job.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.DetectorVerdict;
import org.flowsentry.schema.FeatureContribution;
import org.flowsentry.schema.Severity;
import org.junit.jupiter.api.Test;

class AlertEncoderTest {
    static Alert alert() {
        return Alert.newBuilder()
                .setAlertId("abc").setFlowStartMs(1L).setFlowEndMs(null).setDetectedAtMs(2L)
                .setSrcAddr("10.0.0.1").setSrcPort(1234).setDstAddr("10.1.0.1").setDstPort(22).setProtocol(6)
                .setBytes(10).setPackets(2).setFlagged(true).setScore(0.9).setConfidence(1.0).setSeverity(Severity.HIGH)
                .setVotes(3)
                .setDetectors(List.of(new DetectorVerdict("iforest", 0.95, 0.7, 0.9, true)))
                .setTopFeatures(List.of(new FeatureContribution("x.missing", Double.NaN, 3.0, 3.0)))
                .setExplanation("3 of 3").setModelId("m").setModelVersion(4L).setLabel(null)
                .build();
    }

    @Test
    void avroAlertsRoundTripThroughTheWireFormat() throws Exception {
        Alert a = alert();
        assertThat(AvroWire.ALERT.decode(new AlertEncoder(AlertFormat.AVRO).value(a))).isEqualTo(a);
    }

    @Test
    void jsonAlertsArePlainObjectsWithNullForMissingNumbers() throws Exception {
        JsonNode n = new ObjectMapper().readTree(new AlertEncoder(AlertFormat.JSON).value(alert()));
        assertThat(n.get("srcAddr").asText()).isEqualTo("10.0.0.1");
        assertThat(n.get("flowEndMs").isNull()).isTrue();
        assertThat(n.get("severity").asText()).isEqualTo("HIGH");
        assertThat(n.get("detectors").get(0).get("vote").asBoolean()).isTrue();
        assertThat(n.get("topFeatures").get(0).get("value").isNull()).isTrue();
        assertThat(n.get("modelVersion").asLong()).isEqualTo(4);
        assertThat(n.get("label").isNull()).isTrue();
    }

    @Test
    void eachAlertGetsItsOwnArrayOfTheWireFormatsBytes() throws Exception {
        AlertEncoder encoder = new AlertEncoder(AlertFormat.AVRO);
        Alert a = alert();
        byte[] first = encoder.value(a);
        assertThat(first).isEqualTo(AvroWire.ALERT.encode(a));
        Alert next = alert();
        next.setAlertId("def");
        byte[] other = encoder.value(next);
        assertThat(AvroWire.ALERT.decode(other).getAlertId()).isEqualTo("def");
        assertThat(AvroWire.ALERT.decode(first).getAlertId()).isEqualTo("abc"); // still intact: the producer may not have sent it yet
    }

    @Test
    void theKafkaKeyIsTheSourceAddress() {
        assertThat(new String(AlertEncoder.key(alert()), StandardCharsets.UTF_8)).isEqualTo("10.0.0.1");
        Alert noSource = alert();
        noSource.setSrcAddr(null);
        assertThat(AlertEncoder.key(noSource)).isNull();
    }
}
