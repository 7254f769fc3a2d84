package org.flowsentry.core.ingest.packets;

import java.io.IOException;
import org.flowsentry.core.flow.FlowValidation;
import org.flowsentry.core.ingest.AbstractFlowReader;
import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.schema.FlowRecord;

/**
 * The one driver for packet inputs (pcap, Wireshark CSV): packets go into a {@link FlowMeter} as
 * they are read and flows come out as they end, so memory holds only the active flows.
 */
public final class PacketFlowReader extends AbstractFlowReader {
    private final PacketSource packets;
    private final FlowMeter meter;
    private boolean inputDone;

    PacketFlowReader(FlowFormat format, PacketSource packets, FlowMeter meter, String source, ReadErrors errors) {
        super(format, source, errors);
        this.packets = packets;
        this.meter = meter;
    }

    @Override
    protected FlowRecord readNext() throws IOException {
        while (true) {
            FlowRecord flow = meter.poll();
            if (flow != null) {
                // Packets are checked when decoded, so this is a safety net; a flow has no one line.
                String problem = FlowValidation.problem(flow);
                if (problem == null) return flow;
                errors.report(source, -1, "flow " + flow.getSrcAddr() + " -> " + flow.getDstAddr() + ": " + problem);
            } else if (inputDone) {
                return null;
            } else {
                Packet p = packets.next();
                if (p != null) {
                    meter.add(p);
                } else {
                    inputDone = true;
                    meter.flush();
                    noteMeterEvents();
                }
            }
        }
    }

    private void noteMeterEvents() {
        if (meter.evictedFlows() > 0) {
            errors.note(meter.evictedFlows() + " flows ended early: more than "
                    + meter.options().maxActiveFlows() + " flows were active at once (maxActiveFlows)");
        }
        if (meter.latePackets() > 0) {
            errors.note(meter.latePackets() + " packets were older than a packet before them (time order tolerated)");
        }
    }

    /** Input records (pcap records or CSV rows) read so far, including refused and skipped ones. */
    public long recordsRead() {
        return packets.recordsRead();
    }

    /** The meter, for its counters (packets metered, active and evicted flows). */
    public FlowMeter meter() {
        return meter;
    }

    @Override
    public long bytesRead() {
        return packets.bytesRead();
    }

    @Override
    public void close() throws IOException {
        packets.close();
    }
}
