package org.flowsentry.core.ingest.packets;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Predicate;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;

/**
 * A packet input (a capture, or a packet list exported as text) whose packets are metered into
 * bidirectional flows with {@link FlowMeter}. The two packet formats differ only in how packets
 * are decoded and detected; the metering, and its options, are the same.
 */
public final class PacketFormat implements FlowFormat {
    /** Decodes the packets of one input. */
    @FunctionalInterface
    interface PacketDecoder {
        PacketSource open(InputStream in, String source, ReadErrors errors) throws IOException;
    }

    /** libpcap and pcapng captures (tcpdump, Wireshark, the CTU/Stratosphere pcaps); detected by magic bytes. */
    public static final PacketFormat PCAP = new PacketFormat("pcap",
            "libpcap/pcapng packet capture (Ethernet, VLAN, raw IP, Linux SLL/SLL2), metered into bidirectional flows",
            sample -> PcapPackets.looksLikeCapture(sample.head()), PcapPackets::new, FlowMeter.Options.DEFAULTS);

    /**
     * Wireshark packet lists exported as CSV (File &gt; Export Packet Dissections &gt; As CSV); see
     * {@link WiresharkCsvPackets} for how each column is read. Detected by its header.
     */
    public static final PacketFormat WIRESHARK_CSV = new PacketFormat("wireshark-csv",
            "Wireshark packet list exported as CSV (No.,Time,Source,Destination,Protocol,Length,Info), metered into flows",
            sample -> WiresharkCsvPackets.isHeader(sample.firstLine()), WiresharkCsvPackets::new, FlowMeter.Options.DEFAULTS);

    private final String id;
    private final String description;
    private final Predicate<FileSample> detector;
    private final PacketDecoder decoder;
    private final FlowMeter.Options options;

    private PacketFormat(String id, String description, Predicate<FileSample> detector, PacketDecoder decoder,
            FlowMeter.Options options) {
        this.id = id;
        this.description = description;
        this.detector = detector;
        this.decoder = decoder;
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The same format with other flow meter settings (timeouts, flow limit). */
    public PacketFormat withOptions(FlowMeter.Options meterOptions) {
        return new PacketFormat(id, description, detector, decoder, meterOptions);
    }

    public FlowMeter.Options options() {
        return options;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean matches(FileSample sample) {
        return detector.test(sample);
    }

    @Override
    public FlowReader open(InputStream in, String source, ReadErrors errors) throws IOException {
        PacketSource packets;
        try {
            packets = decoder.open(in, source, errors);
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
