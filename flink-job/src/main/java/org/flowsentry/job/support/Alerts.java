package org.flowsentry.job.support;

import java.nio.ByteBuffer;
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
     * The identity is hashed in binary (numbers as 8 bytes, strings as length and UTF-8, absent
     * values as a marker of their own): the id is computed for every scored flow, and formatting
     * the numbers as text first took as long as the rest of the alert.
     */
    public static String alertId(FlowEvent e, String modelId, long modelVersion) {
        FlowRecord f = e.flow;
        Identity id = IDENTITY.get().start();
        id.add(e.eventTimeMs).add(f.getStartMs()).add(f.getEndMs()).add(f.getDurationUs())
                .add(f.getSrcAddr()).add(f.getSrcPort()).add(f.getDstAddr()).add(f.getDstPort()).add(f.getProtocol())
                .add(f.getSrcBytes()).add(f.getDstBytes()).add(f.getSrcPackets()).add(f.getDstPackets())
                .add(f.getTcpFlags()).add(f.getExporter()).add(modelId).add(modelVersion);
        return HexFormat.of().formatHex(id.digest(), 0, 16);
    }

    private static final ThreadLocal<Identity> IDENTITY = ThreadLocal.withInitial(Identity::new);

    /** The bytes of one identity, fed to the thread's digest; absent values get their own tag. */
    private static final class Identity {
        private static final byte ABSENT = 0;
        private static final byte NUMBER = 1;
        private static final byte TEXT = 2;

        private final MessageDigest digest = SHA_256.get();
        private final ByteBuffer buffer = ByteBuffer.allocate(64);

        Identity start() {
            digest.reset();
            buffer.clear();
            return this;
        }

        Identity add(Number n) {
            if (n == null) return tag(ABSENT);
            return add(n.longValue());
        }

        Identity add(long n) {
            room(9);
            buffer.put(NUMBER).putLong(n);
            return this;
        }

        Identity add(CharSequence text) {
            if (text == null) return tag(ABSENT);
            byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
            room(5);
            buffer.put(TEXT).putInt(utf8.length);
            flush();
            digest.update(utf8);
            return this;
        }

        byte[] digest() {
            flush();
            return digest.digest(); // also resets it
        }

        private Identity tag(byte t) {
            room(1);
            buffer.put(t);
            return this;
        }

        private void room(int bytes) {
            if (buffer.remaining() < bytes) flush();
        }

        private void flush() {
            digest.update(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
    }
}
