package org.flowsentry.job.support;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.job.data.RawRecord;
import org.flowsentry.schema.DeadLetter;

/** Builds the DeadLetter records of the job: raw bytes, where they came from, why they were not used. */
public final class DeadLetters {
    /** The machine-readable class of a dead letter (DeadLetter.errorType). */
    public enum Kind {
        /** Not a message of the input format at all (not Avro single-object, not JSON, wrong CSV field count). */
        UNDECODABLE,
        /** In the format, but not a usable flow (wrong types, negative counters, NaN, bad addresses). */
        INVALID,
        /** Larger than the configured maximum message size. */
        OVERSIZED,
        /** A model bundle that was refused (signature, feature spec, not newer). */
        REFUSED_MODEL,
        /** A valid flow that could not be scored (no model in time, or the feature spec changed in flight). */
        UNSCORED
    }

    /** Format name recorded for flows re-encoded by the job (replayable with input.format avro). */
    public static final String REENCODED_FORMAT = "avro";

    private DeadLetters() {}

    /** A dead letter for (part of) a raw input message. */
    public static DeadLetter of(RawRecord raw, byte[] data, Kind kind, String reason, String format, long nowMs) {
        return DeadLetter.newBuilder()
                .setRawData(ByteBuffer.wrap(data == null ? new byte[0] : data))
                .setRawKey(raw.key == null ? null : ByteBuffer.wrap(raw.key))
                .setSource(raw.topic == null ? "" : raw.topic)
                .setPartition(raw.partition)
                .setOffset(raw.offset)
                .setSourceTimestampMs(raw.timestampMs)
                .setFormat(format)
                .setReason(reason)
                .setErrorType(kind.name())
                .setFailedAtMs(nowMs)
                .build();
    }

    /** A dead letter for a whole oversized message: only its first maxBytes are kept. */
    public static DeadLetter oversized(RawRecord raw, long maxBytes, String format, long nowMs) {
        int keep = (int) Math.min(raw.value.length, maxBytes);
        return of(raw, Arrays.copyOf(raw.value, keep), Kind.OVERSIZED,
                "message of " + raw.value.length + " bytes exceeds the limit of " + maxBytes + " bytes (first "
                        + keep + " bytes kept)", format, nowMs);
    }

    /** A decoded flow that could not be scored: the flow re-encoded as Avro, so it can be replayed. */
    public static DeadLetter unscored(FlowEvent e, String reason, long nowMs) {
        return DeadLetter.newBuilder()
                .setRawData(ByteBuffer.wrap(AvroWire.FLOW_RECORD.encode(e.flow)))
                .setRawKey(null)
                .setSource(e.topic == null ? "" : e.topic)
                .setPartition(e.partition)
                .setOffset(e.offset)
                .setSourceTimestampMs(e.eventTimeMs)
                .setFormat(REENCODED_FORMAT)
                .setReason(reason)
                .setErrorType(Kind.UNSCORED.name())
                .setFailedAtMs(nowMs)
                .build();
    }
}
