package org.flowsentry.job.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flowsentry.core.model.EnsembleVerdict;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.job.TestFlows;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.DetectorVerdict;
import org.flowsentry.schema.FeatureContribution;
import org.flowsentry.schema.FlowRecord;
import org.flowsentry.schema.Severity;
import org.junit.jupiter.api.Test;

class AlertsTest {
    private static FlowEvent tcp() {
        FlowRecord f = TestFlows.tcp("10.0.0.1", "10.1.0.1", 22, TestFlows.T0);
        f.setExporter("edge-1");
        return TestFlows.event(f, 5);
    }

    /** Absent values, a long non-ASCII exporter name and IPv6 addresses: more than the identity's buffer holds. */
    private static FlowEvent sparse() {
        FlowRecord f = TestFlows.tcp("2001:db8:1234:5678:9abc:def0:1234:5678", "2001:db8::1", 443, TestFlows.T0);
        f.setStartMs(null);
        f.setEndMs(null);
        f.setSrcPort(null);
        f.setTcpFlags(null);
        f.setExporter("exporter-ü-" + "x".repeat(100));
        return new FlowEvent(f, TestFlows.T0 + 7, TestFlows.TOPIC, 1, 9);
    }

    /** Consumers drop duplicates by alert id: a new implementation must keep every id (these are the first release's). */
    @Test
    void alertIdsAreStableAcrossReleases() {
        Alerts ids = new Alerts(); // one instance for all: nothing of one id stays in the next
        assertThat(ids.alertId(sparse(), "model-ü", 3)).isEqualTo("b289f56aea6c97915ceb142a4c9608c8");
        assertThat(ids.alertId(tcp(), "model-a", 1)).isEqualTo("54a40dd0168c9037efbb37da1123a90d");
        assertThat(ids.alertId(tcp(), "model-a", 2)).isEqualTo("600d502c403ca413870f28a1b41de277");
        assertThat(ids.alertId(sparse(), "model-ü", 3)).isEqualTo("b289f56aea6c97915ceb142a4c9608c8");
    }

    @Test
    void anAlertCarriesTheFlowTheVerdictAndTheModel() {
        FlowEvent e = tcp();
        e.flow.setLabel("SSH-Patator");
        e.flow.setAttackCategory("BruteForce");
        EnsembleVerdict v = new EnsembleVerdict(true, 0.97, 2.0 / 3, 2, Severity.MEDIUM,
                List.of(new DetectorVerdict("a", 0.99, 1.5, 0.9, true), new DetectorVerdict("b", 0.1, 0.2, 0.9, false)),
                List.of(new FeatureContribution("f", 1.0, 4.0, 4.0)), "2 of 3 detectors flag this flow");
        Alerts alerts = new Alerts();
        Alert expected = Alert.newBuilder()
                .setAlertId(alerts.alertId(e, "model-a", 4)).setFlowStartMs(TestFlows.T0).setFlowEndMs(TestFlows.T0 + 120)
                .setDetectedAtMs(99L).setSrcAddr("10.0.0.1").setSrcPort(50_000).setDstAddr("10.1.0.1").setDstPort(22)
                .setProtocol(6).setBytes(4_800L).setPackets(11L).setExporter("edge-1").setFlagged(true).setScore(0.97)
                .setConfidence(2.0 / 3).setSeverity(Severity.MEDIUM).setVotes(2).setDetectors(v.detectors())
                .setTopFeatures(v.topFeatures()).setExplanation("2 of 3 detectors flag this flow").setModelId("model-a")
                .setModelVersion(4L).setLabel("SSH-Patator").setAttackCategory("BruteForce")
                .build();
        Alert a = alerts.of(e, v, "model-a", 4, 99L);
        assertThat(a).isEqualTo(expected);
        assertThat(AvroWire.ALERT.encode(a)).isEqualTo(AvroWire.ALERT.encode(expected));
    }
}
