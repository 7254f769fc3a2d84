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

    /**
     * The flow as NetFlow/IPFIX/sFlow exporters (goflow2, pmacct) report it: one record per
     * direction. The forward record keeps src and dst; the reply (when the responder sent
     * anything) swaps them. Both keep times, flags, labels and extra features; counters of the
     * other direction are zero, as such exporters send them. Train with this to score their flows.
     */
    public static java.util.List<FlowRecord> oneWay(FlowRecord r) {
        FlowRecord forward = FlowRecord.newBuilder(r).build();
        forward.setDstBytes(0L);
        forward.setDstPackets(0L);
        if (r.getDstPackets() == 0 && r.getDstBytes() == 0) return java.util.List.of(forward);
        FlowRecord reply = FlowRecord.newBuilder(r).build();
        reply.setSrcAddr(r.getDstAddr());
        reply.setDstAddr(r.getSrcAddr());
        reply.setSrcPort(r.getDstPort());
        reply.setDstPort(r.getSrcPort());
        reply.setSrcBytes(r.getDstBytes());
        reply.setSrcPackets(r.getDstPackets());
        reply.setDstBytes(0L);
        reply.setDstPackets(0L);
        return java.util.List.of(forward, reply);
    }

    public static long totalBytes(FlowRecord r) {
        return r.getSrcBytes() + r.getDstBytes();
    }

    public static long totalPackets(FlowRecord r) {
        return r.getSrcPackets() + r.getDstPackets();
    }
}
