package org.flowsentry.core.ingest.exporters;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.flowsentry.core.flow.FlowRecords;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.ingest.MalformedRowException;
import org.flowsentry.core.ingest.json.JsonFields;
import org.flowsentry.core.ingest.json.JsonMapper;
import org.flowsentry.schema.FlowRecord;

/**
 * Maps one pmacct JSON record (nfacctd, sfacctd, pmacctd with the kafka or print plugin and
 * {@code kafka_output}/{@code print_output: json}) to a FlowRecord. Stateless: the streaming job
 * uses it per Kafka message. Field names are those of pmacct's src/plugin_cmn_json.c
 * (1.7.x): {@code ip_src}, {@code ip_dst}, {@code port_src}, {@code port_dst}, {@code ip_proto}
 * (a name from pmacct's protocol table, or the number with {@code *_num_protos}), {@code tcp_flags}
 * (decimal text), {@code tos}, {@code etype} (hex text), {@code mac_src}, {@code class},
 * {@code peer_ip_src}, {@code sampling_rate}, {@code flows}, {@code packets}, {@code bytes}, and the
 * timestamps {@code timestamp_start}, {@code timestamp_end}, {@code timestamp_min/max} (stitching),
 * {@code timestamp_arrival}, {@code stamp_inserted}/{@code stamp_updated} (time bins).
 * <p>
 * Records whose {@code event_type} is not "purge" (markers such as "purge_init" and "purge_close"
 * from {@code print_markers}/{@code kafka_markers}, "log_init", "dump_init", ...) are not flows:
 * the mapper returns null and the reader counts them as skipped.
 */
public final class PmacctMapper implements JsonMapper {
    public static final PmacctMapper INSTANCE = new PmacctMapper();

    /** The event type of an accounting record; every other one is a marker or a log event. */
    public static final String FLOW_EVENT = "purge";

    /**
     * pmacct's own protocol names (the _protocols table in src/pmacct-data.h; "ipv6-crypt" and
     * "ipv6-auth" are older names for esp and ah). Note "ipip" is 94 there, not 4 ("ipencap").
     */
    private static final Map<String, Integer> PROTOCOL_NAMES = Map.ofEntries(
            Map.entry("ip", 0), Map.entry("icmp", 1), Map.entry("igmp", 2), Map.entry("ggp", 3),
            Map.entry("ipencap", 4), Map.entry("tcp", 6), Map.entry("egp", 8), Map.entry("igp", 9),
            Map.entry("udp", 17), Map.entry("mux", 18), Map.entry("ipv6", 41), Map.entry("ipv6-route", 43),
            Map.entry("ipv6-frag", 44), Map.entry("rsvp", 46), Map.entry("gre", 47), Map.entry("esp", 50),
            Map.entry("ipv6-crypt", 50), Map.entry("ah", 51), Map.entry("ipv6-auth", 51), Map.entry("mobile", 55),
            Map.entry("tlsp", 56), Map.entry("ipv6-icmp", 58), Map.entry("ipv6-nonxt", 59),
            Map.entry("ipv6-opts", 60), Map.entry("iso-ip", 80), Map.entry("vines", 83), Map.entry("eigrp", 88),
            Map.entry("ospf", 89), Map.entry("larp", 91), Map.entry("ax.25", 93), Map.entry("ipip", 94),
            Map.entry("encap", 98), Map.entry("pnni", 102), Map.entry("pim", 103), Map.entry("ipcomp", 108),
            Map.entry("ipx-in-ip", 111), Map.entry("vrrp", 112), Map.entry("l2tp", 115), Map.entry("isis", 124),
            Map.entry("sctp", 132), Map.entry("fc", 133));

    private static final Pattern EPOCH = Pattern.compile("\\d+(\\.\\d+)?");

    private PmacctMapper() {}

    @Override
    public FlowRecord map(JsonNode m) throws MalformedRowException {
        ExporterFields.requireObject(m);
        String event = ExporterFields.optionalText(m, "event_type");
        if (event != null && !event.equals(FLOW_EVENT)) return null;
        FlowRecord r = FlowRecords.blank();

        Integer etype = etype(m);
        boolean ip = etype == null || etype == 0x800 || etype == 0x86dd;
        int protocol = ExporterFields.protocol(m, PmacctMapper::protocolNumber, "ip_proto");
        r.setProtocol(ip ? protocol : Protocols.UNKNOWN);

        String src = ExporterFields.address(m, "ip_src");
        String dst = ExporterFields.address(m, "ip_dst");
        if (!ip) {
            src = ExporterFields.nonIpAddress(src, JsonFields.text(m, "mac_src"));
            dst = ExporterFields.nonIpAddress(dst, JsonFields.text(m, "mac_dst"));
        }
        r.setSrcAddr(src);
        r.setDstAddr(dst);

        Integer srcPort = ExporterFields.optionalPort(m, "port_src");
        Integer dstPort = ExporterFields.optionalPort(m, "port_dst");
        Integer tcpFlags = ExporterFields.optionalInt(m, "tcp_flags");
        if (Protocols.hasPorts(r.getProtocol())) {
            r.setSrcPort(srcPort);
            r.setDstPort(dstPort);
        } else if (ExporterFields.isIcmp(r.getProtocol()) && dstPort != null && dstPort > 0) {
            // nfacctd passes NetFlow v5's encoding through: ICMP type * 256 + code in the destination
            // port (pmacct issues #422, #924). pmacctd writes 0 there whatever the type, so 0 stays unknown.
            r.setIcmpType(dstPort >> 8);
            r.setIcmpCode(dstPort & 0xFF);
        }
        // pmacct writes "0" for flows that are not TCP.
        if (r.getProtocol() == Protocols.TCP) r.setTcpFlags(tcpFlags);

        long rate = ExporterFields.samplingRate(m, "sampling_rate"); // 1 when pmacct renormalized already
        ExporterFields.setCounters(r, ExporterFields.count(m, "packets"), ExporterFields.count(m, "bytes"), rate);

        // timestamp_min/max: flow stitching. timestamp_arrival: packet time (pmacctd) or arrival at the
        // collector; stamp_inserted: start of the time bin. stamp_updated is when the record was
        // written (processing time), never an event time.
        Long start = first(timestamp(m, "timestamp_start"), timestamp(m, "timestamp_min"));
        Long end = first(timestamp(m, "timestamp_end"), timestamp(m, "timestamp_max"));
        Long fallback = first(timestamp(m, "timestamp_arrival"), timestamp(m, "stamp_inserted"));
        timestamp(m, "stamp_updated"); // not used, but a broken value is still reported
        ExporterFields.setTimes(r, start, end, fallback);

        r.setExporter(ExporterFields.address(m, "peer_ip_src", "peer_src_ip"));

        String service = JsonFields.text(m, "class");
        if (service != null && !service.equalsIgnoreCase("unknown") && !service.equalsIgnoreCase("unknown/unknown")) {
            r.setService(service); // L7 classification (pmacct classifiers or nDPI "master/app")
        }

        Integer tos = ExporterFields.optionalByte(m, "tos");
        if (tos != null) ExporterFields.putFeature(r, "ip_tos", tos.longValue()); // same key as goflow2's ip_tos
        Long flows = ExporterFields.optionalLong(m, "flows");
        if (flows != null && flows < 0) throw new MalformedRowException("field flows: negative count " + flows);
        ExporterFields.putFeature(r, "flows", flows); // flows aggregated into this record
        return r;
    }

    static int protocolNumber(String name) {
        Integer n = PROTOCOL_NAMES.get(name.toLowerCase(Locale.ROOT));
        return n != null ? n : Protocols.number(name);
    }

    /** pmacct writes the ethertype in hex ("800", "86dd"); null when absent. */
    private static Integer etype(JsonNode m) throws MalformedRowException {
        JsonNode v = m.get("etype");
        if (v == null || v.isNull()) return null;
        String s = v.isTextual() ? v.textValue().strip() : null;
        if (s != null && s.isEmpty()) return null;
        if (s == null || s.length() > 4 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new MalformedRowException("field etype: not a hexadecimal ethertype: " + ExporterFields.abbreviate(v.toString()));
        }
        int n = Integer.parseInt(s, 16);
        return n == 0 ? null : n;
    }

    /**
     * A pmacct timestamp in epoch microseconds, or null when absent or zero. Forms, by config:
     * "2026-03-22 22:47:16.918162" (default), "2026-03-22T22:47:16.918162Z" ({@code timestamps_rfc3339}),
     * "1774219636.918162" or a number ({@code timestamps_since_epoch}); the fraction is absent with
     * {@code timestamps_secs}. pmacct writes a missing time as "0000-00-00 00:00:00" or "0.000000".
     * Text without a zone is taken as UTC: pmacct writes local time unless {@code timestamps_utc: true},
     * which FlowSentry's shipped pmacct configuration sets. (Very old pmacct printed the microseconds
     * without zero padding; such fractions are read as decimals like every other.)
     */
    static Long timestamp(JsonNode m, String name) throws MalformedRowException {
        JsonNode v = m.get(name);
        if (v == null || v.isNull()) return null;
        if (v.isNumber()) return ExporterFields.epochSecondsMicros(name, v.decimalValue());
        if (!v.isTextual()) throw new MalformedRowException("field " + name + ": expected a timestamp, found " + v.getNodeType());
        String s = v.textValue().strip();
        if (s.isEmpty() || s.startsWith("0000-00-00")) return null;
        if (EPOCH.matcher(s).matches()) return ExporterFields.epochSecondsMicros(name, new BigDecimal(s));
        try {
            String iso = s.indexOf('T') < 0 ? s.replaceFirst(" ", "T") : s;
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
            return ExporterFields.instantMicros(t instanceof OffsetDateTime o
                    ? o.toInstant() : ((LocalDateTime) t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException | ArithmeticException e) {
            throw new MalformedRowException("field " + name + ": not a timestamp: '" + ExporterFields.abbreviate(s) + "'");
        }
    }

    private static Long first(Long a, Long b) {
        return a != null ? a : b;
    }
}
