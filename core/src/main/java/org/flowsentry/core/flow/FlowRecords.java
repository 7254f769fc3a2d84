package org.flowsentry.core.flow;

import org.flowsentry.schema.FlowRecord;

/** Creating and reading FlowRecords the same way everywhere. */
public final class FlowRecords {
    private FlowRecords() {}

    /**
     * A record with the schema's defaults. Avro's no-arg constructor leaves primitives at Java's
     * zero (protocol 0 would mean HOPOPT, sampling rate 0 would be invalid) and its builder is
     * slow for multi-GB files, so readers start from this instead.
     */
    public static FlowRecord blank() {
        FlowRecord r = new FlowRecord();
        r.setDurationUs(0L);
        r.setProtocol(Protocols.UNKNOWN);
        r.setSrcPackets(0L);
        r.setDstPackets(0L);
        r.setSrcBytes(0L);
        r.setDstBytes(0L);
        r.setSamplingRate(1L);
        return r;
    }

    public static long totalBytes(FlowRecord r) {
        return r.getSrcBytes() + r.getDstBytes();
    }

    public static long totalPackets(FlowRecord r) {
        return r.getSrcPackets() + r.getDstPackets();
    }
}
