package org.flowsentry.core.ingest.packets;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;

/**
 * Reads Wireshark packet lists exported as CSV (File &gt; Export Packet Dissections &gt; As CSV)
 * and meters their rows into bidirectional flows with {@link FlowMeter}; see
 * {@link WiresharkCsvPackets} for how each column is read. Detected by its header.
 */
public final class WiresharkCsvFormat implements FlowFormat {
    /** With {@link FlowMeter.Options#DEFAULTS}. */
    public static final WiresharkCsvFormat INSTANCE = new WiresharkCsvFormat(FlowMeter.Options.DEFAULTS);

    private final FlowMeter.Options options;

    public WiresharkCsvFormat(FlowMeter.Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The same format with other flow meter settings (timeouts, flow limit). */
    public WiresharkCsvFormat withOptions(FlowMeter.Options meterOptions) {
        return new WiresharkCsvFormat(meterOptions);
    }

    public FlowMeter.Options options() {
        return options;
    }

    @Override
    public String id() {
        return "wireshark-csv";
    }

    @Override
    public String description() {
        return "Wireshark packet list exported as CSV (No.,Time,Source,Destination,Protocol,Length,Info), metered into flows";
    }

    @Override
    public boolean matches(FileSample sample) {
        return WiresharkCsvPackets.isHeader(sample.firstLine());
    }

    @Override
    public FlowReader open(InputStream in, String source, ReadErrors errors) throws IOException {
        WiresharkCsvPackets packets;
        try {
            packets = new WiresharkCsvPackets(in, source, errors);
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
