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

/**
 * Builds Alert records from a flow and the ensemble's verdict. Holds the digest and buffer of the
 * alert ids, so it is not thread-safe: each scoring instance owns one (a ThreadLocal lookup per
 * flow was slow on Flink's task threads, whose ThreadLocal maps are large).
 */
public final class Alerts {
    private final Identity identity = new Identity();

    /**
     * The Alert of a scored flow. Built with the all-fields constructor rather than the builder: the
     * builder copies the schema's field list and checks every value for every flow; every field is
     * set here, and a null where the schema allows none still fails, when the sink encodes it.
     */
    public Alert of(FlowEvent e, EnsembleVerdict v, String modelId, long modelVersion, long detectedAtMs) {
        FlowRecord f = e.flow;
        return new Alert(
                alertId(e, modelId, modelVersion),
                e.eventTimeMs, f.getEndMs(), detectedAtMs,
                f.getSrcAddr(), f.getSrcPort(), f.getDstAddr(), f.getDstPort(), f.getProtocol(),
                f.getSrcBytes() + f.getDstBytes(), f.getSrcPackets() + f.getDstPackets(), f.getExporter(),
                v.flagged(), v.score(), v.confidence(), v.severity(), v.votes(),
                new ArrayList<>(v.detectors()), // materialised: the verdict builds them lazily
                v.topFeatures(), v.explanation(), modelId, modelVersion,
                f.getLabel(), f.getAttackCategory());
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
    public String alertId(FlowEvent e, String modelId, long modelVersion) {
        FlowRecord f = e.flow;
        Identity id = identity.start();
        id.add(e.eventTimeMs).add(f.getStartMs()).add(f.getEndMs()).add(f.getDurationUs())
                .add(f.getSrcAddr()).add(f.getSrcPort()).add(f.getDstAddr()).add(f.getDstPort()).add(f.getProtocol())
                .add(f.getSrcBytes()).add(f.getDstBytes()).add(f.getSrcPackets()).add(f.getDstPackets())
                .add(f.getTcpFlags()).add(f.getExporter()).add(modelId).add(modelVersion);
        return id.hexId();
    }

    /** The bytes of one identity, hashed at once; absent values get their own tag. */
    private static final class Identity {
        private static final byte ABSENT = 0;
        private static final byte NUMBER = 1;
        private static final byte TEXT = 2;

        private final MessageDigest digest = sha256();
        private ByteBuffer buffer = ByteBuffer.allocate(256); // a flow's identity is about 150 bytes

        Identity start() {
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
            room(5 + utf8.length);
            buffer.put(TEXT).putInt(utf8.length).put(utf8);
            return this;
        }

        /** The first 128 bits of the identity's SHA-256, in lower-case hex. */
        String hexId() {
            digest.update(buffer.array(), 0, buffer.position());
            return HexFormat.of().formatHex(digest.digest(), 0, 16); // digest() also resets it
        }

        private Identity tag(byte t) {
            room(1);
            buffer.put(t);
            return this;
        }

        private void room(int bytes) {
            if (buffer.remaining() < bytes) {
                buffer = ByteBuffer.allocate(Math.max(2 * buffer.capacity(), buffer.position() + bytes)).put(buffer.flip());
            }
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException ex) {
                throw new IllegalStateException("every JVM has SHA-256", ex);
            }
        }
    }
}
