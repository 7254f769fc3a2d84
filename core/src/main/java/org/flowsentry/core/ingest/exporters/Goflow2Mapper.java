package org.flowsentry.core.ingest.exporters;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.flowsentry.core.flow.FlowRecords;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.ingest.MalformedRowException;
import org.flowsentry.core.ingest.exporters.ExporterFields.Clock;
import org.flowsentry.core.ingest.json.JsonFields;
import org.flowsentry.core.ingest.json.JsonMapper;
import org.flowsentry.schema.FlowRecord;

/**
 * Maps one goflow2 JSON flow message (goflow2 `-format=json`) to a FlowRecord. Stateless: the
 * streaming job uses it per Kafka message. Accepts both generations of field names:
 * <ul>
 *   <li>goflow2 2.x: snake_case names from the json tags of pb/flow.proto ({@code time_received_ns},
 *       {@code time_flow_start_ns}, {@code sampler_address}, {@code src_addr}, {@code etype} and
 *       {@code proto} rendered as names such as "IPv4" and "TCP", {@code ip_ttl}, {@code tcp_flags}).</li>
 *   <li>goflow2 1.x: the Go field names of its FlowMessage, its default JSON naming (goflow2 issue
 *       #142): {@code TimeReceived} and {@code TimeFlowStart} in seconds, {@code TimeFlowStartMs} in
 *       ms since 1.1 (goflow2 PR #81), {@code Etype} 2048 and {@code Proto} 6 as numbers,
 *       {@code IpTtl}, {@code TcpFlags}; cloudflare/goflow spells some of these {@code IPTTL},
 *       {@code IPTos}, {@code TCPFlags}. goflow2 1.x with {@code -format.tag=json} writes snake_case
 *       without the unit suffix ({@code time_received}, {@code time_flow_start} in
 *       seconds, {@code time_flow_start_ms}).</li>
 * </ul>
 * goflow2 does not apply the sampling rate itself: counters here are multiplied by it.
 */
public final class Goflow2Mapper implements JsonMapper {
    public static final Goflow2Mapper INSTANCE = new Goflow2Mapper();

    private static final int ETYPE_IPV4 = 0x800;
    private static final int ETYPE_IPV6 = 0x86dd;
    private static final int ETYPE_ARP = 0x806;

    // Most precise first: a message may carry both seconds and milliseconds (goflow2 1.x).
    private static final Clock[] FLOW_START = {
        new Clock("time_flow_start_ns", NANOSECONDS), new Clock("time_flow_start_ms", MILLISECONDS),
        new Clock("TimeFlowStartMs", MILLISECONDS), new Clock("time_flow_start", SECONDS),
        new Clock("TimeFlowStart", SECONDS)};
    private static final Clock[] FLOW_END = {
        new Clock("time_flow_end_ns", NANOSECONDS), new Clock("time_flow_end_ms", MILLISECONDS),
        new Clock("TimeFlowEndMs", MILLISECONDS), new Clock("time_flow_end", SECONDS),
        new Clock("TimeFlowEnd", SECONDS)};
    private static final Clock[] RECEIVED = {
        new Clock("time_received_ns", NANOSECONDS), new Clock("time_received", SECONDS),
        new Clock("TimeReceived", SECONDS)};

    private Goflow2Mapper() {}

    @Override
    public FlowRecord map(JsonNode m) throws MalformedRowException {
        ExporterFields.requireObject(m);
        FlowRecord r = FlowRecords.blank();

        Integer etype = etype(m);
        boolean ip = etype == null || etype == ETYPE_IPV4 || etype == ETYPE_IPV6;
        // Non-IP samples (ARP in sFlow) carry proto 0, which is not HOPOPT.
        int protocol = ExporterFields.protocol(m, Protocols::number, "proto", "Proto");
        r.setProtocol(ip ? protocol : Protocols.UNKNOWN);

        String src = ExporterFields.address(m, "src_addr", "SrcAddr");
        String dst = ExporterFields.address(m, "dst_addr", "DstAddr");
        if (!ip) {
            src = ExporterFields.nonIpAddress(src, JsonFields.text(m, "src_mac", "SrcMac"));
            dst = ExporterFields.nonIpAddress(dst, JsonFields.text(m, "dst_mac", "DstMac"));
        }
        r.setSrcAddr(src);
        r.setDstAddr(dst);

        Integer srcPort = ExporterFields.optionalPort(m, "src_port", "SrcPort");
        Integer dstPort = ExporterFields.optionalPort(m, "dst_port", "DstPort");
        Integer tcpFlags = ExporterFields.optionalInt(m, "tcp_flags", "TcpFlags", "TCPFlags");
        Integer icmpType = ExporterFields.optionalByte(m, "icmp_type", "IcmpType");
        Integer icmpCode = ExporterFields.optionalByte(m, "icmp_code", "IcmpCode");
        // goflow2 writes 0 for fields a protocol does not have; keep only the meaningful ones.
        if (Protocols.hasPorts(r.getProtocol())) {
            r.setSrcPort(srcPort);
            r.setDstPort(dstPort);
        }
        if (r.getProtocol() == Protocols.TCP) r.setTcpFlags(tcpFlags);
        if (ExporterFields.isIcmp(r.getProtocol())) {
            r.setIcmpType(icmpType);
            r.setIcmpCode(icmpCode);
        }

        long rate = ExporterFields.samplingRate(m, "sampling_rate", "SamplingRate");
        ExporterFields.setCounters(r, ExporterFields.count(m, "packets", "Packets"),
                ExporterFields.count(m, "bytes", "Bytes"), rate);

        // sFlow samples have no flow times (goflow2 copies the receive time into them) and
        // NetFlow/IPFIX templates may lack them: time_received stands in when they are 0 or absent.
        ExporterFields.setTimes(r, ExporterFields.firstTime(m, FLOW_START), ExporterFields.firstTime(m, FLOW_END),
                ExporterFields.firstTime(m, RECEIVED));

        r.setExporter(ExporterFields.address(m, "sampler_address", "SamplerAddress"));

        // Header fields that help detection (TTL: OS fingerprint, spoofing; ToS; DF/MF fragment flags).
        // Interface indexes, ASNs and VLANs are identifiers of one network, not features.
        Integer ttl = ExporterFields.optionalByte(m, "ip_ttl", "IpTtl", "IPTTL");
        if (ttl != null && ttl > 0) ExporterFields.putFeature(r, "ip_ttl", ttl.longValue()); // 0: not exported
        Integer tos = ExporterFields.optionalByte(m, "ip_tos", "IpTos", "IPTos");
        if (tos != null) ExporterFields.putFeature(r, "ip_tos", tos.longValue());
        Integer flags = ExporterFields.optionalByte(m, "ip_flags", "IpFlags");
        if (flags != null) ExporterFields.putFeature(r, "ip_flags", flags.longValue());
        return r;
    }

    /** The ethertype from a name ("IPv4", "IPv6", "ARP") or a number (2048); null when unknown. */
    private static Integer etype(JsonNode m) throws MalformedRowException {
        String name = ExporterFields.present(m, "etype", "Etype");
        if (name == null) return null;
        JsonNode v = m.get(name);
        if (v.isTextual()) {
            String s = v.textValue().strip();
            if (!s.isEmpty() && Character.isDigit(s.charAt(0))) return JsonFields.optionalInt(m, name);
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "ipv4" -> ETYPE_IPV4;
                case "ipv6" -> ETYPE_IPV6;
                case "arp" -> ETYPE_ARP;
                default -> null; // "" or "unknown": goflow2 has no name for it, the protocol decides
            };
        }
        Integer n = JsonFields.optionalInt(m, name); // a number, or an error naming the wrong type
        return n == null || n == 0 ? null : n;
    }
}
