package org.flowsentry.core.ingest.packets;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowsentry.core.ingest.CountingInputStream;
import org.flowsentry.core.ingest.MalformedRowException;
import org.flowsentry.core.ingest.ReadErrors;

/**
 * The packets of a libpcap capture (magic a1b2c3d4 or a1b23c4d for nanoseconds, either byte
 * order) or a pcapng capture (0a0d0d0a), read as a stream with one record in memory at a time.
 * Frames are decoded by {@link FrameDecoder}. Errors are reported with the record number
 * (1-based, counting pcap records or pcapng packet blocks) as the line.
 *
 * <p>Why not a library: {@code io.pkts:pkts-core} 3.0.10 (managed in the parent POM) was tried
 * and does not fit. {@code Pcap.loop(handler)} pushes packets into a callback (a pull reader would
 * need a thread), stops at the first bad record and prints the exception to stderr instead of
 * letting us report it, knows neither Linux SLL2 nor link types 228/229 nor pcapng reading,
 * decodes no ICMP, and brings its SIP/SDP modules. The formats are small and well specified
 * (a 24-byte file header and 16-byte record headers; pcapng blocks), so they are read here.
 *
 * <p>Bad input never stops the read. A pcap record whose header is impossible (captured length
 * above the snap length, sub-second field out of range) is reported and the reader scans forward
 * to the next position where two consecutive record headers are plausible. A record cut short at
 * the end of the file is reported. In pcapng, whose blocks carry their length twice, a corrupt
 * block ends the read with a report (there is no reliable way to find the next block).
 * pcapng simple packet blocks have no timestamp: they get the previous packet's.
 */
final class PcapPackets implements PacketSource {
    private static final long MAGIC_US = 0xA1B2C3D4L;
    private static final long MAGIC_US_SWAPPED = 0xD4C3B2A1L;
    private static final long MAGIC_NS = 0xA1B23C4DL;
    private static final long MAGIC_NS_SWAPPED = 0x4D3CB2A1L;
    private static final long MAGIC_PCAPNG = 0x0A0D0D0AL;
    private static final long BYTE_ORDER_MAGIC = 0x1A2B3C4DL;
    private static final long BYTE_ORDER_MAGIC_SWAPPED = 0x4D3C2B1AL;
    /** libpcap's largest snap length; records above it are corrupt unless the file's snap length is larger. */
    private static final int DEFAULT_MAX_RECORD = 262_144;
    private static final int MAX_RECORD_CAP = 16 << 20;
    private static final int BLOCK_SHB = 0x0A0D0D0A;
    private static final int BLOCK_IDB = 1;
    private static final int BLOCK_PB = 2;
    private static final int BLOCK_SPB = 3;
    private static final int BLOCK_EPB = 6;

    /** A pcapng interface: link type and how its timestamps count. */
    private record Interface(int linkType, long snapLen, boolean binaryResolution, int exponent, long offsetSeconds) {}

    private final String source;
    private final ReadErrors errors;
    private final FrameDecoder decoder;
    private final CountingInputStream in;
    private final boolean pcapng;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private boolean eof;
    private boolean finished;
    private boolean bigEndian;
    private boolean nanos;
    private int linkType;
    private int maxRecord = DEFAULT_MAX_RECORD;
    private long records;
    private long lastSeconds = -1;
    private long lastTimestampUs;
    private final List<Interface> interfaces = new ArrayList<>();

    /** True when the bytes start a pcap (either byte order, µs or ns) or pcapng capture. */
    static boolean looksLikeCapture(byte[] head) {
        if (head.length < 4) return false;
        long magic = FrameDecoder.u32(head, 0);
        if (magic == MAGIC_PCAPNG) {
            if (head.length < 12) return false;
            long bom = FrameDecoder.u32(head, 8);
            return bom == BYTE_ORDER_MAGIC || bom == BYTE_ORDER_MAGIC_SWAPPED;
        }
        return magic == MAGIC_US || magic == MAGIC_US_SWAPPED || magic == MAGIC_NS || magic == MAGIC_NS_SWAPPED;
    }

    /** Reads the file header; an input that is not a capture, or a link type we cannot decode, is an IOException. */
    PcapPackets(InputStream input, String source, ReadErrors errors) throws IOException {
        this.source = source;
        this.errors = errors;
        this.decoder = new FrameDecoder(errors);
        this.in = new CountingInputStream(input);
        if (!fill(4)) throw new IOException("empty input, expected a pcap or pcapng capture");
        long magic = FrameDecoder.u32(buf, 0);
        this.pcapng = magic == MAGIC_PCAPNG;
        if (pcapng) {
            if (!fill(12)) throw new IOException("truncated pcapng section header");
            return; // the section header is read as the first block
        }
        if (magic == MAGIC_US || magic == MAGIC_NS) bigEndian = true;
        else if (magic != MAGIC_US_SWAPPED && magic != MAGIC_NS_SWAPPED) {
            throw new IOException(String.format("not a pcap capture: magic 0x%08x", magic));
        }
        nanos = magic == MAGIC_NS || magic == MAGIC_NS_SWAPPED;
        if (!fill(24)) throw new IOException("truncated pcap file header: " + (lim - pos) + " of 24 bytes");
        long snapLen = u32(16);
        linkType = (int) (u32(20) & 0xFFFF); // the upper bits may hold FCS information
        if (!FrameDecoder.supports(linkType)) {
            throw new IOException("unsupported pcap link type " + linkType + " (supported: " + FrameDecoder.supportedLinkTypes() + ")");
        }
        if (snapLen > DEFAULT_MAX_RECORD) maxRecord = (int) Math.min(snapLen, MAX_RECORD_CAP);
        pos = 24;
    }

    @Override
    public Packet next() throws IOException {
        if (finished) return null;
        Packet p = pcapng ? nextBlockPacket() : nextRecordPacket();
        if (p == null) finished = true;
        return p;
    }

    @Override
    public long recordsRead() {
        return records;
    }

    @Override
    public long bytesRead() {
        return in.count();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ---- libpcap ----

    private Packet nextRecordPacket() throws IOException {
        while (true) {
            if (!fill(16)) {
                if (lim > pos) {
                    records++;
                    errors.report(source, records, "truncated record header at end of input: " + (lim - pos) + " of 16 bytes");
                    pos = lim;
                }
                return null;
            }
            records++;
            long captured = u32(pos + 8);
            long fraction = u32(pos + 4);
            if (captured > maxRecord || fraction >= fractionLimit()) {
                String what = captured > maxRecord
                        ? "captured length " + captured + " > " + maxRecord
                        : (nanos ? "nanoseconds " : "microseconds ") + fraction + " out of range";
                long skipped = resynchronise();
                errors.report(source, records, "corrupt record header (" + what + "): skipped " + skipped
                        + " bytes" + (finishedInput() ? " to the end of input" : " to the next plausible record"));
                continue;
            }
            int length = (int) captured;
            if (!fill(16 + length)) {
                errors.report(source, records, "truncated record at end of input: " + (lim - pos - 16) + " of "
                        + length + " bytes captured");
                pos = lim;
                return null;
            }
            long seconds = u32(pos);
            long original = Math.max(u32(pos + 12), length);
            lastSeconds = seconds;
            long timestampUs = seconds * 1_000_000L + (nanos ? fraction / 1000 : fraction);
            int data = pos + 16;
            pos = data + length;
            Packet p = decode(linkType, data, length, original, timestampUs);
            if (p != null) return p;
        }
    }

    private long fractionLimit() {
        return nanos ? 1_000_000_000L : 1_000_000L;
    }

    private boolean finishedInput() {
        return eof && pos >= lim;
    }

    /**
     * Moves forward byte by byte to where a record header is plausible and is followed by another
     * plausible header (or ends exactly at the end of input). Returns the number of bytes skipped.
     */
    private long resynchronise() throws IOException {
        long skipped = 0;
        do {
            pos++;
            skipped++;
            if (!fill(16)) break;
            if (plausibleHeader(pos)) {
                int length = 16 + (int) u32(pos + 8);
                boolean more = fill(length + 16);
                if (more ? plausibleHeader(pos + length) : lim - pos == length) return skipped;
            }
        } while (true);
        skipped += Math.max(0, lim - pos);
        pos = lim;
        return skipped;
    }

    private boolean plausibleHeader(int at) {
        long seconds = u32(at);
        long captured = u32(at + 8);
        long original = u32(at + 12);
        if (u32(at + 4) >= fractionLimit() || captured > maxRecord || original < captured || original > MAX_RECORD_CAP) {
            return false;
        }
        // Within an hour before or a day after the last good record.
        return lastSeconds < 0 || (seconds >= lastSeconds - 3600 && seconds <= lastSeconds + 86_400);
    }

    // ---- pcapng ----

    private Packet nextBlockPacket() throws IOException {
        while (true) {
            if (!fill(8)) {
                if (lim > pos) errors.report(source, records + 1, "truncated pcapng block at end of input: " + (lim - pos) + " bytes");
                pos = lim;
                return null;
            }
            if (FrameDecoder.u32(buf, pos) == MAGIC_PCAPNG) { // a section header sets the byte order
                long bom = fill(12) ? FrameDecoder.u32(buf, pos + 8) : 0;
                if (bom != BYTE_ORDER_MAGIC && bom != BYTE_ORDER_MAGIC_SWAPPED) {
                    return corrupt("section header without byte-order magic");
                }
                bigEndian = bom == BYTE_ORDER_MAGIC;
                interfaces.clear();
            }
            int type = (int) u32(pos);
            long blockLength = u32(pos + 4);
            if (blockLength < 12 || blockLength % 4 != 0 || blockLength > MAX_RECORD_CAP + 64) {
                return corrupt(String.format("block type 0x%08x with length %d", type, blockLength));
            }
            int length = (int) blockLength;
            if (!fill(length)) {
                errors.report(source, records + 1, "truncated pcapng block at end of input: " + (lim - pos) + " of " + length + " bytes");
                pos = lim;
                return null;
            }
            if (u32(pos + length - 4) != blockLength) {
                return corrupt(String.format("block type 0x%08x: trailing length %d differs from %d", type, u32(pos + length - 4), blockLength));
            }
            int body = pos + 8;
            int bodyLength = length - 12;
            pos += length;
            Packet p = switch (type) {
                case BLOCK_SHB -> null;
                case BLOCK_IDB -> {
                    addInterface(body, bodyLength);
                    yield null;
                }
                case BLOCK_EPB -> bodyLength < 20 ? shortBlock("enhanced packet") : packetBlock(u32(body),
                        (u32(body + 4) << 32) | u32(body + 8), true, u32(body + 12), u32(body + 16), body + 20, bodyLength - 20);
                case BLOCK_PB -> bodyLength < 20 ? shortBlock("packet") : packetBlock(u16(body),
                        (u32(body + 4) << 32) | u32(body + 8), true, u32(body + 12), u32(body + 16), body + 20, bodyLength - 20);
                case BLOCK_SPB -> bodyLength < 4 ? shortBlock("simple packet") : packetBlock(0, 0, false,
                        simpleCapturedLength(u32(body), bodyLength - 4), u32(body), body + 4, bodyLength - 4);
                default -> null; // name resolution, statistics, custom blocks: not packets
            };
            if (p != null) return p;
        }
    }

    private Packet corrupt(String what) {
        errors.report(source, records + 1, "corrupt pcapng " + what + ": rest of input skipped");
        pos = lim;
        return null;
    }

    private Packet shortBlock(String kind) {
        records++;
        errors.report(source, records, kind + " block too short");
        return null;
    }

    private long simpleCapturedLength(long original, int room) {
        long captured = Math.min(original, room);
        if (!interfaces.isEmpty() && interfaces.get(0).snapLen() > 0) captured = Math.min(captured, interfaces.get(0).snapLen());
        return captured;
    }

    private void addInterface(int body, int bodyLength) {
        if (bodyLength < 8) {
            errors.report(source, records + 1, "interface description block too short");
            interfaces.add(new Interface(-1, 0, false, 6, 0));
            return;
        }
        int type = u16(body);
        long snapLen = u32(body + 4);
        boolean binary = false;
        int exponent = 6;
        long offset = 0;
        int at = body + 8;
        int end = body + bodyLength;
        while (at + 4 <= end) {
            int code = u16(at);
            int length = u16(at + 2);
            if (code == 0 || at + 4 + length > end) break;
            if (code == 9 && length >= 1) { // if_tsresol: 10^-n, or 2^-n when the top bit is set
                int v = buf[at + 4] & 0xFF;
                binary = (v & 0x80) != 0;
                exponent = v & 0x7F;
                if (binary ? exponent > 62 : exponent > 24) {
                    errors.report(source, records + 1, "interface " + interfaces.size() + ": timestamp resolution "
                            + (binary ? "2^-" : "10^-") + exponent + " not supported, read as microseconds");
                    binary = false;
                    exponent = 6;
                }
            } else if (code == 14 && length >= 8) { // if_tsoffset: seconds added to every timestamp
                offset = bigEndian ? (u32(at + 4) << 32) | u32(at + 8) : (u32(at + 8) << 32) | u32(at + 4);
            }
            at += 4 + ((length + 3) & ~3);
        }
        if (!FrameDecoder.supports(type)) {
            errors.note("pcapng interface " + interfaces.size() + " has link type " + type
                    + ", which is not decoded: its packets are counted as skipped");
        }
        interfaces.add(new Interface(type, snapLen, binary, exponent, offset));
    }

    private Packet packetBlock(long interfaceId, long timestamp, boolean hasTimestamp, long captured, long original,
            int data, int room) {
        records++;
        if (captured > room) {
            errors.report(source, records, "captured length " + captured + " exceeds its block (" + room + " bytes)");
            return null;
        }
        if (interfaceId >= interfaces.size()) {
            errors.report(source, records, "packet on undeclared interface " + interfaceId);
            return null;
        }
        Interface iface = interfaces.get((int) interfaceId);
        if (!FrameDecoder.supports(iface.linkType())) {
            errors.skipped("non-IP packet (link type " + iface.linkType() + ")");
            return null;
        }
        if (hasTimestamp) lastTimestampUs = micros(timestamp, iface);
        return decode(iface.linkType(), data, (int) captured, Math.max(original, captured), lastTimestampUs);
    }

    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
        100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L,
        1_000_000_000_000_000_000L};

    /** A pcapng timestamp in the interface's units, as microseconds since the epoch. */
    static long micros(long timestamp, boolean binaryResolution, int exponent, long offsetSeconds) {
        long us;
        if (binaryResolution) {
            long whole = timestamp >>> exponent;
            long fraction = timestamp & ((1L << exponent) - 1);
            us = whole * 1_000_000L + (long) Math.scalb((double) fraction * 1e6, -exponent);
        } else if (exponent >= 6) {
            us = exponent - 6 < POW10.length ? timestamp / POW10[exponent - 6] : 0;
        } else {
            us = timestamp * POW10[6 - exponent];
        }
        return us + offsetSeconds * 1_000_000L;
    }

    private static long micros(long timestamp, Interface iface) {
        return micros(timestamp, iface.binaryResolution(), iface.exponent(), iface.offsetSeconds());
    }

    // ---- shared ----

    private Packet decode(int type, int data, int length, long originalLength, long timestampUs) {
        try {
            return decoder.decode(type, buf, data, length, originalLength, timestampUs);
        } catch (MalformedRowException e) {
            errors.report(source, records, e.getMessage());
            return null;
        }
    }

    /** Makes n bytes available from pos (moving and growing the buffer as needed); false when the input ends first. */
    private boolean fill(int n) throws IOException {
        if (lim - pos >= n) return true;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (n > buf.length) buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        while (lim < n && !eof) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) eof = true;
            else lim += r;
        }
        return lim - pos >= n;
    }

    private long u32(int at) {
        long v = FrameDecoder.u32(buf, at);
        return bigEndian ? v : Integer.reverseBytes((int) v) & 0xFFFFFFFFL;
    }

    private int u16(int at) {
        int v = FrameDecoder.u16(buf, at);
        return bigEndian ? v : Short.reverseBytes((short) v) & 0xFFFF;
    }
}
