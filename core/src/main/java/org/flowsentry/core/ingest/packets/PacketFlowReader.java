package org.flowsentry.core.ingest.packets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import org.flowsentry.core.flow.FlowValidation;
import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.schema.FlowRecord;

/**
 * The one driver for packet inputs (pcap, Wireshark CSV): packets go into a {@link FlowMeter} as
 * they are read and flows come out as they end, so memory holds only the active flows.
 */
public final class PacketFlowReader implements FlowReader {
    private final FlowFormat format;
    private final PacketSource packets;
    private final FlowMeter meter;
    private final String source;
    private final ReadErrors errors;
    private FlowRecord next;
    private boolean inputDone;

    PacketFlowReader(FlowFormat format, PacketSource packets, FlowMeter meter, String source, ReadErrors errors) {
        this.format = format;
        this.packets = packets;
        this.meter = meter;
        this.source = source;
        this.errors = errors;
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            FlowRecord flow = meter.poll();
            if (flow != null) {
                String problem = FlowValidation.problem(flow);
                // Packets are checked when decoded, so this is a safety net; a flow has no one line.
                if (problem != null) errors.report(source, -1, "flow " + flow.getSrcAddr() + " -> " + flow.getDstAddr() + ": " + problem);
                else next = flow;
            } else if (inputDone) {
                return false;
            } else {
                Packet p;
                try {
                    p = packets.next();
                } catch (IOException e) {
                    throw new UncheckedIOException(source + ": " + e.getMessage(), e);
                }
                if (p != null) {
                    meter.add(p);
                } else {
                    inputDone = true;
                    meter.flush();
                    noteMeterEvents();
                }
            }
        }
        return true;
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

    @Override
    public FlowRecord next() {
        if (!hasNext()) throw new NoSuchElementException();
        FlowRecord r = next;
        next = null;
        return r;
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
    public FlowFormat format() {
        return format;
    }

    @Override
    public ReadErrors errors() {
        return errors;
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
