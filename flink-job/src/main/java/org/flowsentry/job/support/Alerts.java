package org.flowsentry.job.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import org.flowsentry.core.model.EnsembleVerdict;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.FlowRecord;

/** Builds Alert records from a flow and the ensemble's verdict. */
public final class Alerts {
    /** One digest per thread: MessageDigest.getInstance looks the provider up on every call. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JVM has SHA-256", ex);
        }
    });

    private Alerts() {}

    public static Alert of(FlowEvent e, EnsembleVerdict v, String modelId, long modelVersion, long detectedAtMs) {
        FlowRecord f = e.flow;
        return Alert.newBuilder()
                .setAlertId(alertId(e, modelId, modelVersion))
                .setFlowStartMs(e.eventTimeMs)
                .setFlowEndMs(f.getEndMs())
                .setDetectedAtMs(detectedAtMs)
                .setSrcAddr(f.getSrcAddr())
                .setSrcPort(f.getSrcPort())
                .setDstAddr(f.getDstAddr())
                .setDstPort(f.getDstPort())
                .setProtocol(f.getProtocol())
                .setBytes(f.getSrcBytes() + f.getDstBytes())
                .setPackets(f.getSrcPackets() + f.getDstPackets())
                .setExporter(f.getExporter())
                .setFlagged(v.flagged())
                .setScore(v.score())
                .setConfidence(v.confidence())
                .setSeverity(v.severity())
                .setVotes(v.votes())
                .setDetectors(new ArrayList<>(v.detectors())) // materialised: the verdict builds them lazily
                .setTopFeatures(v.topFeatures())
                .setExplanation(v.explanation())
                .setModelId(modelId)
                .setModelVersion(modelVersion)
                .setLabel(f.getLabel())
                .setAttackCategory(f.getAttackCategory())
                .build();
    }

    /**
     * Deterministic id: SHA-256 (first 128 bits, hex) over the flow's identity (times, addresses,
     * ports, protocol, counters, exporter) and the model id and version. A flow replayed after a
     * failure, or sent twice, gets the same id from the same model version, so consumers can
     * drop duplicates; the Kafka position is left out on purpose (a re-sent flow has another).
     */
    public static String alertId(FlowEvent e, String modelId, long modelVersion) {
        FlowRecord f = e.flow;
        // "v1|v2|...", each value as String.valueOf writes it ("null" for none).
        String identity = new StringBuilder(160)
                .append(e.eventTimeMs).append('|').append(f.getStartMs()).append('|').append(f.getEndMs()).append('|')
                .append(f.getDurationUs()).append('|')
                .append(f.getSrcAddr()).append('|').append(f.getSrcPort()).append('|')
                .append(f.getDstAddr()).append('|').append(f.getDstPort()).append('|').append(f.getProtocol()).append('|')
                .append(f.getSrcBytes()).append('|').append(f.getDstBytes()).append('|')
                .append(f.getSrcPackets()).append('|').append(f.getDstPackets()).append('|')
                .append(f.getTcpFlags()).append('|').append(f.getExporter()).append('|')
                .append(modelId).append('|').append(modelVersion)
                .toString();
        byte[] d = SHA_256.get().digest(identity.getBytes(StandardCharsets.UTF_8)); // digest() resets it for the next call
        return HexFormat.of().formatHex(d, 0, 16);
    }
}
