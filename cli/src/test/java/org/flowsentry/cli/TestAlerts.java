package org.flowsentry.cli;

import java.util.List;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.DetectorVerdict;
import org.flowsentry.schema.FeatureContribution;
import org.flowsentry.schema.Severity;

/** Alerts as the job writes them, for tests of the alerts command. */
final class TestAlerts {
    static final long T0 = 1_767_571_200_000L; // 2026-01-05T00:00:00Z

    private TestAlerts() {}

    /** A TCP alert from src:40000 to dst:22 at T0 + offsetMs, voted by detectors a and c of three. */
    static Alert alert(String id, String src, String dst, long offsetMs, Severity severity, String label) {
        return Alert.newBuilder()
                .setAlertId(id)
                .setFlowStartMs(T0 + offsetMs)
                .setFlowEndMs(T0 + offsetMs + 1500)
                .setDetectedAtMs(T0 + offsetMs + 3000)
                .setSrcAddr(src)
                .setSrcPort(40000)
                .setDstAddr(dst)
                .setDstPort(22)
                .setProtocol(6)
                .setBytes(4200)
                .setPackets(30)
                .setExporter("10.0.0.254")
                .setFlagged(true)
                .setScore(0.9871)
                .setConfidence(2 / 3.0)
                .setSeverity(severity)
                .setVotes(2)
                .setDetectors(List.of(
                        new DetectorVerdict("isolation_forest", 0.99, 0.71, 0.95, true),
                        new DetectorVerdict("one_class_svm", 0.42, -0.1, 0.95, false),
                        new DetectorVerdict("kmeans_distance", 0.97, 8.5, 0.95, true)))
                .setTopFeatures(List.of(new FeatureContribution("src_distinct_ports_60s", 48.0, 6.1, 0.62)))
                .setExplanation("isolation_forest and kmeans_distance voted: src_distinct_ports_60s is unusually high, \"48\"")
                .setModelId("flowsentry")
                .setModelVersion(1_767_571_200_123L)
                .setLabel(label)
                .setAttackCategory(null)
                .build();
    }
}
