package org.flowsentry.core.ingest;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every format FlowSentry reads, in detection order: binary magic first, then JSON by its keys,
 * then CSV by its header (specific before general), then header-less CSV by column count.
 */
public final class FlowFormats {
    private static final List<FlowFormat> ALL = List.of(
            // formats: keep this list in detection order
            org.flowsentry.core.ingest.cic.UnicaucaFormat.INSTANCE, // CIC header + L7Protocol/ProtocolName: before cicflowmeter
            org.flowsentry.core.ingest.cic.CicFlowMeterFormat.INSTANCE, // header with Flow Duration, Tot Fwd Pkts, Flow IAT Mean...
            org.flowsentry.core.ingest.cic.NprobeFormat.INSTANCE, // header with IPV4_SRC_ADDR, IN_BYTES, OUT_PKTS... (NetFlow v9 names)
            org.flowsentry.core.ingest.cic.SimpleCsvFormat.INSTANCE // exactly the 11 tutorial columns packet_size,...,label
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
