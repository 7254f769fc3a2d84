package org.flowsentry.core.ingest;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.flowsentry.core.ingest.cic.CicFlowMeterFormat;
import org.flowsentry.core.ingest.cic.NprobeFormat;
import org.flowsentry.core.ingest.cic.SimpleCsvFormat;
import org.flowsentry.core.ingest.cic.UnicaucaFormat;
import org.flowsentry.core.ingest.datasets.ArgusFormat;
import org.flowsentry.core.ingest.datasets.KddFormat;
import org.flowsentry.core.ingest.datasets.UnswNb15Format;
import org.flowsentry.core.ingest.datasets.UnswNb15RawFormat;
import org.flowsentry.core.ingest.exporters.Goflow2Format;
import org.flowsentry.core.ingest.exporters.PmacctFormat;
import org.flowsentry.core.ingest.own.OwnAvroFormat;
import org.flowsentry.core.ingest.own.OwnCsvFormat;
import org.flowsentry.core.ingest.own.OwnJsonFormat;
import org.flowsentry.core.ingest.packets.PacketFormat;

/**
 * Every format FlowSentry reads, in detection order: binary magic first, then JSON by its keys,
 * then CSV by its header (specific before general), then header-less CSV by column count.
 */
public final class FlowFormats {
    private static final List<FlowFormat> ALL = List.of(
            // Binary, by magic bytes.
            OwnAvroFormat.INSTANCE,
            PacketFormat.PCAP, // pcap and pcapng magic bytes
            // JSON lines, by their keys.
            OwnJsonFormat.INSTANCE,
            Goflow2Format.INSTANCE, // src_addr/SrcAddr with type/sampler_address/time_received
            PmacctFormat.INSTANCE, // event_type with ip_src/ip_dst (or a purge_init marker)
            // CSV with a header, specific before general.
            OwnCsvFormat.INSTANCE,
            UnicaucaFormat.INSTANCE, // CICFlowMeter columns + L7Protocol/ProtocolName: before cicflowmeter
            CicFlowMeterFormat.INSTANCE, // Flow Duration, Tot Fwd Pkts, Flow IAT Mean... (every CIC release)
            NprobeFormat.INSTANCE, // NetFlow v9 names: IPV4_SRC_ADDR, IN_BYTES, OUT_PKTS...
            SimpleCsvFormat.INSTANCE, // exactly packet_size,duration,...,error_rate,label
            ArgusFormat.INSTANCE, // StartTime,Dur,Proto,SrcAddr,...,TotBytes,SrcBytes
            UnswNb15Format.INSTANCE, // id,dur,proto,service,...,attack_cat,label
            PacketFormat.WIRESHARK_CSV, // "No.","Time","Source","Destination","Protocol","Length","Info"
            // Header-less CSV, known by field count and field shapes: keep last.
            KddFormat.NSL_KDD, // 43 fields: tcp/udp/icmp second, label then numeric difficulty
            KddFormat.KDD99, // 42 fields: tcp/udp/icmp second, label ending in "."
            UnswNb15RawFormat.INSTANCE // 49 fields: addresses 1st and 3rd, epoch Stime/Ltime, 0/1 Label
    );

    private FlowFormats() {}

    public static List<FlowFormat> all() {
        return ALL;
    }

    public static Optional<FlowFormat> byId(String id) {
        return ALL.stream().filter(f -> f.id().equalsIgnoreCase(id)).findFirst();
    }

    /** The format with this id, or an error listing the known ids. */
    public static FlowFormat require(String id) {
        return byId(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown format '" + id + "'; known formats: " + ids()));
    }

    public static Optional<FlowFormat> detect(FileSample sample) {
        return ALL.stream().filter(f -> f.matches(sample)).findFirst();
    }

    public static String ids() {
        return ALL.stream().map(FlowFormat::id).collect(Collectors.joining(", "));
    }
}
