package org.flowsentry.core.ingest.packets;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowsentry.core.flow.Addresses;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.ingest.CountingInputStream;
import org.flowsentry.core.ingest.MalformedRowException;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.ingest.csv.CsvHeader;
import org.flowsentry.core.ingest.csv.CsvRow;

/**
 * The packets of a Wireshark packet list exported as CSV (File &gt; Export Packet Dissections &gt;
 * As CSV): columns "No.","Time","Source","Destination","Protocol","Length","Info", looked up by
 * name so extra or reordered columns are fine.
 *
 * <ul>
 *   <li>Time: seconds relative to the first packet (Wireshark's default) give flow times relative
 *       to 1970-01-01T00:00:00Z, with a note saying so; seconds of 100,000,000 or more are epoch
 *       seconds; "2024-01-02 03:04:05.123456" (or ISO 8601, with or without zone) is a date and
 *       time, read as UTC when it has no zone (noted); "03:04:05.123456" is a time of day
 *       (noted: flow times are offsets from 1970-01-01).</li>
 *   <li>Length: the frame length, so flow bytes here include link-layer headers (the pcap format
 *       counts IP lengths instead).</li>
 *   <li>Ports: from "Source Port"/"Destination Port" columns when the export has them (the exact
 *       way: add them in Wireshark), else from Info. Rows of application protocols (HTTP, TLS, DNS,
 *       ...) do not show ports in Info: they get the ports last seen between the same two
 *       addresses with the same transport (usually the connection's handshake rows), from a
 *       memory of the 65,536 most recent address pairs, or none.</li>
 *   <li>Transport: see {@link WiresharkInfo}; TCP flags from Info's "[SYN, ACK]"; application
 *       rows carry no flags. The Protocol column of application rows becomes the flow's service.</li>
 *   <li>Not flows: non-IP rows (ARP, LLDP, STP, ..., or hardware addresses in Source and
 *       Destination) and IP fragments are counted as skipped. A row with a name instead of an
 *       address (name resolution on), an unknown protocol, or unreadable numbers is reported.</li>
 * </ul>
 */
final class WiresharkCsvPackets implements PacketSource {
    static final String[] REQUIRED = {"No.", "Time", "Source", "Destination", "Protocol", "Length", "Info"};
    private static final long EPOCH_SECONDS_FROM = 100_000_000L; // 1973-03-03; smaller is relative time
    private static final int REMEMBERED_PAIRS = 65_536;

    /** Transport and two addresses in a fixed order, for remembering ports of application rows. */
    private record Pair(int protocol, String addrA, String addrB) {}

    private final String source;
    private final ReadErrors errors;
    private final CountingInputStream counting;
    private final CsvReader<CsvRecord> csv;
    private final Iterator<CsvRecord> rows;
    private final CsvHeader header;
    private final int time;
    private final int src;
    private final int dst;
    private final int protocol;
    private final int length;
    private final int info;
    private final int srcPort;
    private final int dstPort;
    private final Map<Pair, int[]> recentPorts = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Pair, int[]> eldest) {
            return size() > REMEMBERED_PAIRS;
        }
    };
    private long records;
    private Boolean relativeTimes;
    private boolean done;

    WiresharkCsvPackets(InputStream in, String source, ReadErrors errors) throws IOException {
        this.source = source;
        this.errors = errors;
        this.counting = new CountingInputStream(in);
        BufferedReader text = new BufferedReader(new InputStreamReader(counting, StandardCharsets.UTF_8), 1 << 16);
        this.csv = CsvReader.builder()
                .fieldSeparator(',')
                .skipEmptyLines(true)
                .ignoreDifferentFieldCount(true) // counted and reported per row
                .detectBomHeader(true)
                .ofCsvRecord(text);
        try {
            this.rows = csv.iterator();
            if (!rows.hasNext()) throw new IOException("empty input, expected a Wireshark packet list header");
            this.header = new CsvHeader(rows.next().getFields());
            this.time = header.require("Time");
            this.src = header.require("Source");
            this.dst = header.require("Destination");
            this.protocol = header.require("Protocol");
            this.length = header.require("Length");
            this.info = header.require("Info");
            this.srcPort = header.find("Source Port", "Src Port", "srcport", "tcp.srcport", "udp.srcport");
            this.dstPort = header.find("Destination Port", "Dst Port", "Dest Port", "dstport", "tcp.dstport", "udp.dstport");
        } catch (IOException | RuntimeException e) {
            csv.close();
            throw e;
        }
    }

    /** True when a first line is a Wireshark packet list header. */
    static boolean isHeader(String firstLine) {
        if (!firstLine.contains("Info")) return false;
        try (CsvReader<CsvRecord> line = CsvReader.builder().ofCsvRecord(firstLine)) {
            Iterator<CsvRecord> it = line.iterator();
            return it.hasNext() && new CsvHeader(it.next().getFields()).hasAll(REQUIRED);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Packet next() throws IOException {
        while (!done) {
            CsvRecord rec;
            try {
                if (!rows.hasNext()) break;
                rec = rows.next();
            } catch (CsvParseException e) {
                errors.report(source, -1, "unreadable CSV, rest of input skipped: " + e.getMessage());
                break;
            }
            records++;
            long line = rec.getStartingLineNumber();
            if (rec.getFieldCount() != header.size()) {
                errors.report(source, line, "expected " + header.size() + " fields, found " + rec.getFieldCount());
                continue;
            }
            try {
                Packet p = packet(new CsvRow(header, rec.getFields().toArray(String[]::new), line));
                if (p != null) return p;
            } catch (MalformedRowException e) {
                errors.report(source, line, e.getMessage());
            }
        }
        done = true;
        return null;
    }

    private Packet packet(CsvRow row) throws MalformedRowException {
        String protocolText = row.requiredText(protocol);
        String infoText = row.text(info);
        if (WiresharkInfo.isNonIp(protocolText)) return skip("non-IP packet (" + protocolText + ")");
        if (infoText.startsWith("Fragmented IP protocol")) return skip("IP fragment (no ports)");
        String from = row.requiredText(src);
        String to = row.requiredText(dst);
        if (!Addresses.isIp(from) || !Addresses.isIp(to)) {
            if (!Addresses.isIp(from) && !Addresses.isIp(to) && (isHardware(from) || isHardware(to))) {
                return skip("non-IP packet (" + protocolText + ")");
            }
            int column = Addresses.isIp(from) ? dst : src;
            throw new MalformedRowException(row.columnName(column) + ": not an IP address: '" + row.text(column)
                    + "' (export with name resolution off)");
        }
        int transport = WiresharkInfo.transport(protocolText, infoText);
        if (transport < 0) {
            throw new MalformedRowException(row.columnName(protocol) + ": unknown transport for '" + protocolText
                    + "' (not in the table and Info shows no ports)");
        }
        long timestampUs = timestamp(row);
        long frameLength = row.longValue(length);
        if (frameLength < 0) throw new MalformedRowException(row.columnName(length) + ": negative: " + frameLength);

        int sport = Packet.NONE;
        int dport = Packet.NONE;
        if (Protocols.hasPorts(transport)) {
            int[] ports = portColumns(row);
            if (ports == null) ports = WiresharkInfo.ports(infoText);
            if (ports == null && WiresharkInfo.isTransportRow(protocolText)) {
                throw new MalformedRowException(row.columnName(info) + ": no numeric ports in '" + abbreviate(infoText) + "'");
            }
            if (ports == null) ports = recall(transport, from, to);
            if (ports != null) {
                if (ports[0] > 65535 || ports[1] > 65535) {
                    throw new MalformedRowException(row.columnName(info) + ": port out of range in '" + abbreviate(infoText) + "'");
                }
                remember(transport, from, ports[0], to, ports[1]);
                sport = ports[0];
                dport = ports[1];
            }
        }
        int flags = transport == Protocols.TCP ? WiresharkInfo.tcpFlags(infoText) : 0;
        int[] icmp = transport == Protocols.ICMP || transport == Protocols.ICMPV6
                ? WiresharkInfo.icmp(transport, infoText)
                : new int[] {Packet.NONE, Packet.NONE};
        // An application protocol (TLSv1.2, DNS) names the service; IP protocol names (TCP, ICMP) do not.
        String service = Protocols.number(protocolText) == Protocols.UNKNOWN ? protocolText : null;
        return new Packet(timestampUs, from, to, sport, dport, transport, frameLength, flags, icmp[0], icmp[1], service);
    }

    private Packet skip(String kind) {
        errors.skipped(kind);
        return null;
    }

    /** Wireshark's text for a hardware address: "00:1a:2b:3c:4d:5e", "Cisco_3c:4d:5e", "Broadcast". */
    private static boolean isHardware(String s) {
        return Addresses.isMac(s) || s.equals("Broadcast") || s.matches(".*_[0-9a-fA-F]{2}(:[0-9a-fA-F]{2})*");
    }

    private int[] portColumns(CsvRow row) throws MalformedRowException {
        if (srcPort < 0 || dstPort < 0) return null;
        Integer s = row.optionalInt(srcPort);
        Integer d = row.optionalInt(dstPort);
        return s == null || d == null ? null : new int[] {s, d};
    }

    private void remember(int transport, String from, int fromPort, String to, int toPort) {
        boolean fromIsA = from.compareTo(to) <= 0;
        recentPorts.put(new Pair(transport, fromIsA ? from : to, fromIsA ? to : from),
                fromIsA ? new int[] {fromPort, toPort} : new int[] {toPort, fromPort});
    }

    private int[] recall(int transport, String from, String to) {
        boolean fromIsA = from.compareTo(to) <= 0;
        int[] p = recentPorts.get(new Pair(transport, fromIsA ? from : to, fromIsA ? to : from));
        if (p == null) return null;
        return fromIsA ? new int[] {p[0], p[1]} : new int[] {p[1], p[0]};
    }

    private long timestamp(CsvRow row) throws MalformedRowException {
        String t = row.requiredText(time);
        try {
            if (t.indexOf('-') > 0 && t.indexOf(':') > 0) return dateTimeMicros(t);
            if (t.indexOf(':') > 0) {
                errors.note("Time column holds times of day without a date: flow times are offsets from 1970-01-01T00:00:00Z");
                return LocalTime.parse(t).toNanoOfDay() / 1000;
            }
            long us = decimalMicros(t);
            if (relativeTimes == null) {
                relativeTimes = us < EPOCH_SECONDS_FROM * 1_000_000L;
                if (relativeTimes) {
                    errors.note("Time column is seconds since the first packet (Wireshark's default): "
                            + "flow times are offsets from 1970-01-01T00:00:00Z, not real dates");
                }
            }
            return us;
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new MalformedRowException(row.columnName(time) + ": not a time: '" + abbreviate(t) + "'");
        }
    }

    private long dateTimeMicros(String t) {
        String iso = t.replaceFirst(" ", "T");
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
        OffsetDateTime at;
        if (parsed instanceof OffsetDateTime odt) {
            at = odt;
        } else {
            errors.note("Time column has dates without a zone: read as UTC (Wireshark writes local time unless a UTC format is chosen)");
            at = ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
        }
        return ChronoUnit.MICROS.between(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), at);
    }

    /** "12.345678901" seconds as whole microseconds, without going through a double. */
    static long decimalMicros(String s) {
        boolean negative = s.startsWith("-");
        String body = negative ? s.substring(1) : s;
        int dot = body.indexOf('.');
        String whole = dot < 0 ? body : body.substring(0, dot);
        String fraction = dot < 0 ? "" : body.substring(dot + 1);
        if ((whole.isEmpty() && fraction.isEmpty()) || !digits(whole) || !digits(fraction)) {
            throw new NumberFormatException(s);
        }
        long seconds = whole.isEmpty() ? 0 : Long.parseLong(whole);
        long micros = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000").substring(0, 6));
        long us = Math.addExact(Math.multiplyExact(seconds, 1_000_000L), micros);
        return negative ? -us : us;
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    @Override
    public long recordsRead() {
        return records;
    }

    @Override
    public long bytesRead() {
        return counting.count();
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
