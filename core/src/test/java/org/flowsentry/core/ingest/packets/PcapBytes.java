package org.flowsentry.core.ingest.packets;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds capture files byte by byte for tests: libpcap and pcapng containers, and the frames inside. */
final class PcapBytes {
    private PcapBytes() {}

    /** A libpcap file being written: global header first, then records. */
    static final class Pcap {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteOrder order;
        private final boolean nanos;

        Pcap(int linkType) {
            this(linkType, ByteOrder.LITTLE_ENDIAN, false);
        }

        Pcap(int linkType, ByteOrder order, boolean nanos) {
            this.order = order;
            this.nanos = nanos;
            ByteBuffer h = ByteBuffer.allocate(24).order(order);
            h.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4)
                    .putInt(0).putInt(0).putInt(262_144).putInt(linkType);
            out.writeBytes(h.array());
        }

        /** A record at this time (microseconds since the epoch) holding the whole frame. */
        Pcap record(long timestampUs, byte[] frame) {
            return record(timestampUs, frame, frame.length, frame.length);
        }

        /** A record whose header claims these lengths; only {@code frame} is written. */
        Pcap record(long timestampUs, byte[] frame, int capturedLength, int originalLength) {
            ByteBuffer h = ByteBuffer.allocate(16).order(order);
            long fraction = nanos ? (timestampUs % 1_000_000) * 1000 : timestampUs % 1_000_000;
            h.putInt((int) (timestampUs / 1_000_000)).putInt((int) fraction).putInt(capturedLength).putInt(originalLength);
            out.writeBytes(h.array());
            out.writeBytes(frame);
            return this;
        }

        Pcap raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** A pcapng file (little-endian) with one section. */
    static final class PcapNg {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        PcapNg() {
            ByteBuffer body = le(16).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
            block(0x0A0D0D0A, body.array());
        }

        /** An interface; tsresol is the if_tsresol option byte (6 = µs, 9 = ns), or -1 for none. */
        PcapNg interfaceBlock(int linkType, int tsresol) {
            ByteBuffer body = le(tsresol < 0 ? 8 : 20).putShort((short) linkType).putShort((short) 0).putInt(0);
            if (tsresol >= 0) body.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]).putInt(0);
            block(1, body.array());
            return this;
        }

        /** An enhanced packet block; the timestamp is in the interface's units. */
        PcapNg packet(int interfaceId, long timestamp, byte[] frame) {
            int padded = (frame.length + 3) & ~3;
            ByteBuffer body = le(20 + padded).putInt(interfaceId).putInt((int) (timestamp >>> 32)).putInt((int) timestamp)
                    .putInt(frame.length).putInt(frame.length).put(frame);
            block(6, body.array());
            return this;
        }

        PcapNg block(int type, byte[] body) {
            ByteBuffer b = le(12 + body.length).putInt(type).putInt(12 + body.length).put(body).putInt(12 + body.length);
            out.writeBytes(b.array());
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    // ---- frames ----

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int ETHERTYPE_ARP = 0x0806;

    /** An Ethernet II frame; each VLAN id adds an 802.1Q tag before the type. */
    static byte[] ethernet(int ethertype, byte[] payload, int... vlanIds) {
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * vlanIds.length + payload.length);
        b.put(new byte[] {0, 0x1b, 0x21, 1, 2, 3}).put(new byte[] {0, 0x1b, 0x21, 4, 5, 6});
        for (int vlan : vlanIds) b.putShort((short) 0x8100).putShort((short) vlan);
        b.putShort((short) ethertype).put(payload);
        return b.array();
    }

    /** Linux cooked capture v1 (16-byte header). */
    static byte[] sll(int protocol, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload.length);
        b.putShort((short) 0).putShort((short) 1).putShort((short) 6).put(new byte[] {0, 0x1b, 0x21, 1, 2, 3, 0, 0})
                .putShort((short) protocol).put(payload);
        return b.array();
    }

    /** Linux cooked capture v2 (20-byte header). */
    static byte[] sll2(int protocol, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.putShort((short) protocol).putShort((short) 0).putInt(2).putShort((short) 1).put((byte) 4).put((byte) 6)
                .put(new byte[] {0, 0x1b, 0x21, 1, 2, 3, 0, 0}).put(payload);
        return b.array();
    }

    static byte[] arp() {
        return new byte[28];
    }

    static byte[] ipv4(String src, String dst, int protocol, byte[] transport) {
        ByteBuffer b = ByteBuffer.allocate(20 + transport.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + transport.length)).putShort((short) 1)
                .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0)
                .put(address(src)).put(address(dst)).put(transport);
        return b.array();
    }

    /** IPv6, optionally with an 8-byte hop-by-hop options header before the transport header. */
    static byte[] ipv6(String src, String dst, int protocol, byte[] transport, boolean hopByHop) {
        int ext = hopByHop ? 8 : 0;
        ByteBuffer b = ByteBuffer.allocate(40 + ext + transport.length);
        b.putInt(0x60000000).putShort((short) (ext + transport.length)).put((byte) (hopByHop ? 0 : protocol))
                .put((byte) 64).put(address(src)).put(address(dst));
        if (hopByHop) b.put((byte) protocol).put((byte) 0).put(new byte[] {1, 4, 0, 0, 0, 0}); // PadN option
        b.put(transport);
        return b.array();
    }

    static byte[] tcp(int srcPort, int dstPort, int flags, int payloadBytes) {
        ByteBuffer b = ByteBuffer.allocate(20 + payloadBytes);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt(1).putInt(0).put((byte) 0x50).put((byte) flags)
                .putShort((short) 64240).putShort((short) 0).putShort((short) 0);
        return b.array();
    }

    static byte[] udp(int srcPort, int dstPort, int payloadBytes) {
        ByteBuffer b = ByteBuffer.allocate(8 + payloadBytes);
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payloadBytes)).putShort((short) 0);
        return b.array();
    }

    static byte[] icmp(int type, int code) {
        ByteBuffer b = ByteBuffer.allocate(8);
        b.put((byte) type).put((byte) code).putShort((short) 0).putInt(0x00010001);
        return b.array();
    }

    private static byte[] address(String text) {
        try {
            return InetAddress.getByName(text).getAddress(); // literals only: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
