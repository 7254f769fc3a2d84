package org.flowsentry.core.ingest.packets;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;

/**
 * Reads libpcap and pcapng packet captures (tcpdump, Wireshark, the CTU/Stratosphere pcaps) and
 * meters their packets into bidirectional flows with {@link FlowMeter}; detected by magic bytes.
 */
public final class PcapFormat implements FlowFormat {
    /** With {@link FlowMeter.Options#DEFAULTS}. */
    public static final PcapFormat INSTANCE = new PcapFormat(FlowMeter.Options.DEFAULTS);

    private final FlowMeter.Options options;

    public PcapFormat(FlowMeter.Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The same format with other flow meter settings (timeouts, flow limit). */
    public PcapFormat withOptions(FlowMeter.Options meterOptions) {
        return new PcapFormat(meterOptions);
    }

    public FlowMeter.Options options() {
        return options;
    }

    @Override
    public String id() {
        return "pcap";
    }

    @Override
    public String description() {
        return "libpcap/pcapng packet capture (Ethernet, VLAN, raw IP, Linux SLL/SLL2), metered into bidirectional flows";
    }

    @Override
    public boolean matches(FileSample sample) {
        return PcapPackets.looksLikeCapture(sample.head());
    }

    @Override
    public FlowReader open(InputStream in, String source, ReadErrors errors) throws IOException {
        PcapPackets packets;
        try {
            packets = new PcapPackets(in, source, errors);
        } catch (IOException e) {
            in.close();
            throw new IOException(source + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
        return new PacketFlowReader(this, packets, new FlowMeter(options, source), source, errors);
    }
}
