package org.flowsentry.core.ingest.packets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowsentry.core.ingest.packets.PcapBytes.ETHERTYPE_ARP;
import static org.flowsentry.core.ingest.packets.PcapBytes.ETHERTYPE_IPV4;
import static org.flowsentry.core.ingest.packets.PcapBytes.ETHERTYPE_IPV6;
import static org.flowsentry.core.ingest.packets.PcapBytes.arp;
import static org.flowsentry.core.ingest.packets.PcapBytes.ethernet;
import static org.flowsentry.core.ingest.packets.PcapBytes.icmp;
import static org.flowsentry.core.ingest.packets.PcapBytes.ipv4;
import static org.flowsentry.core.ingest.packets.PcapBytes.ipv6;
import static org.flowsentry.core.ingest.packets.PcapBytes.tcp;
import static org.flowsentry.core.ingest.packets.PcapBytes.udp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.flow.TcpFlags;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.FlowFiles;
import org.flowsentry.core.ingest.FlowFormats;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.testing.SharedData;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class PcapFormatTest {
    private static final long T0 = 1_700_000_000_123_456L; // µs
    private static final int SYN = TcpFlags.SYN;
    private static final int ACK = TcpFlags.ACK;
    private static final int FIN = TcpFlags.FIN;
    private static final int PSH = TcpFlags.PSH;

    private final ReadErrors errors = ReadErrors.unlimited();

    private List<FlowRecord> read(byte[] capture) throws IOException {
        return read(PacketFormat.PCAP, capture);
    }

    private List<FlowRecord> read(PacketFormat format, byte[] capture) throws IOException {
        List<FlowRecord> flows = new ArrayList<>();
        try (FlowReader r = format.open(new ByteArrayInputStream(capture), "t.pcap", errors)) {
            r.forEachRemaining(flows::add);
            assertThat(r.bytesRead()).isEqualTo(capture.length);
        }
        return flows;
    }

    private static byte[] tcpV4(String src, int sport, String dst, int dport, int flags, int payload) {
        return ethernet(ETHERTYPE_IPV4, ipv4(src, dst, Protocols.TCP, tcp(sport, dport, flags, payload)));
    }

    @Test
    void ethernetIpv4TcpConnectionBecomesOneFlowCountingIpLengths() throws IOException {
        String a = "192.168.1.10";
        String b = "93.184.216.34";
        byte[] capture = new PcapBytes.Pcap(1)
                .record(T0, tcpV4(a, 51000, b, 443, SYN, 0))
                .record(T0 + 20_000, tcpV4(b, 443, a, 51000, SYN | ACK, 0))
                .record(T0 + 20_100, tcpV4(a, 51000, b, 443, ACK, 0))
                .record(T0 + 21_000, tcpV4(a, 51000, b, 443, PSH | ACK, 517))
                .record(T0 + 45_000, tcpV4(b, 443, a, 51000, PSH | ACK, 1400))
                .record(T0 + 50_000, tcpV4(a, 51000, b, 443, FIN | ACK, 0))
                .record(T0 + 70_000, tcpV4(b, 443, a, 51000, FIN | ACK, 0))
                .record(T0 + 70_050, tcpV4(a, 51000, b, 443, ACK, 0))
                .bytes();

        List<FlowRecord> flows = read(capture);

        assertThat(flows).hasSize(1);
        FlowRecord f = flows.get(0);
        assertThat(f.getSrcAddr()).isEqualTo(a);
        assertThat(f.getSrcPort()).isEqualTo(51000);
        assertThat(f.getDstAddr()).isEqualTo(b);
        assertThat(f.getDstPort()).isEqualTo(443);
        assertThat(f.getProtocol()).isEqualTo(Protocols.TCP);
        assertThat(f.getSrcPackets()).isEqualTo(5);
        assertThat(f.getSrcBytes()).isEqualTo(5 * 40 + 517); // IP total lengths, without Ethernet headers
        assertThat(f.getDstPackets()).isEqualTo(3);
        assertThat(f.getDstBytes()).isEqualTo(3 * 40 + 1400);
        assertThat(f.getTcpFlags()).isEqualTo(SYN | ACK | PSH | FIN);
        assertThat(f.getState()).isEqualTo("SF");
        assertThat(f.getStartMs()).isEqualTo(1_700_000_000_123L);
        assertThat(f.getEndMs()).isEqualTo(1_700_000_000_193L);
        assertThat(f.getDurationUs()).isEqualTo(70_050);
        assertThat(f.getExporter()).isEqualTo("t.pcap");
        assertThat(errors.count()).isZero();
        assertThat(errors.skippedByKind()).isEmpty();
    }

    @Test
    void ipv6UdpBehindAHopByHopHeaderIsFoundAndAddressesAreCompressed() throws IOException {
        byte[] query = ethernet(ETHERTYPE_IPV6, ipv6("2001:db8:0:0:0:0:0:1", "2001:db8::53", Protocols.UDP, udp(40000, 53, 30), true));
        byte[] answer = ethernet(ETHERTYPE_IPV6, ipv6("2001:db8::53", "2001:db8::1", Protocols.UDP, udp(53, 40000, 90), false));
        byte[] ping = ethernet(ETHERTYPE_IPV6, ipv6("fe80::1", "ff02::1", Protocols.ICMPV6, icmp(128, 0), false));

        List<FlowRecord> flows = read(new PcapBytes.Pcap(1).record(T0, query).record(T0 + 900, answer).record(T0 + 1000, ping).bytes());

        assertThat(flows).hasSize(2);
        FlowRecord dns = flows.get(0);
        assertThat(dns.getSrcAddr()).isEqualTo("2001:db8::1");
        assertThat(dns.getDstAddr()).isEqualTo("2001:db8::53");
        assertThat(dns.getProtocol()).isEqualTo(Protocols.UDP);
        assertThat(dns.getSrcPort()).isEqualTo(40000);
        assertThat(dns.getDstPort()).isEqualTo(53);
        assertThat(dns.getSrcBytes()).isEqualTo(40 + 8 + 8 + 30); // IPv6 header + hop-by-hop + UDP + data
        assertThat(dns.getDstBytes()).isEqualTo(40 + 8 + 90);
        assertThat(dns.getTcpFlags()).isNull();
        FlowRecord icmp6 = flows.get(1);
        assertThat(icmp6.getProtocol()).isEqualTo(Protocols.ICMPV6);
        assertThat(icmp6.getIcmpType()).isEqualTo(128);
        assertThat(icmp6.getSrcAddr()).isEqualTo("fe80::1");
        assertThat(icmp6.getDstAddr()).isEqualTo("ff02::1");
        assertThat(errors.count()).isZero();
    }

    @Test
    void ipv6TextFollowsRfc5952() {
        assertThat(FrameDecoder.ipv6Text(v6(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1), 0)).isEqualTo("2001:db8::1:0:0:1");
        assertThat(FrameDecoder.ipv6Text(v6(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1), 0)).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(FrameDecoder.ipv6Text(v6(0, 0, 0, 0, 0, 0, 0, 1), 0)).isEqualTo("::1");
        assertThat(FrameDecoder.ipv6Text(v6(0, 0, 0, 0, 0, 0, 0, 0), 0)).isEqualTo("::");
        assertThat(FrameDecoder.ipv6Text(v6(0xfe80, 0, 0, 0, 0, 0, 0, 0), 0)).isEqualTo("fe80::");
    }

    private static byte[] v6(int... groups) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (groups[i] >> 8);
            b[2 * i + 1] = (byte) groups[i];
        }
        return b;
    }

    @Test
    void vlanAndStackedVlanTagsAreSkippedToTheIpHeader() throws IOException {
        byte[] udp1 = ipv4("10.1.1.1", "10.1.1.2", Protocols.UDP, udp(5000, 161, 20));
        byte[] capture = new PcapBytes.Pcap(1)
                .record(T0, ethernet(ETHERTYPE_IPV4, udp1, 100))
                .record(T0 + 10, ethernet(ETHERTYPE_IPV4, udp1, 200, 100))
                .bytes();

        List<FlowRecord> flows = read(capture);

        assertThat(flows).hasSize(1);
        assertThat(flows.get(0).getSrcPackets()).isEqualTo(2);
        assertThat(flows.get(0).getSrcBytes()).isEqualTo(2 * 48);
        assertThat(flows.get(0).getDstPort()).isEqualTo(161);
        assertThat(errors.count()).isZero();
    }

    @Test
    void linuxCookedSllAndSll2AndRawIpLinkTypesAreDecoded() throws IOException {
        byte[] ip = ipv4("172.16.0.5", "8.8.8.8", Protocols.UDP, udp(33333, 53, 12));
        byte[] ip6 = ipv6("2001:db8::5", "2001:db8::6", Protocols.TCP, tcp(1, 2, SYN, 0), false);
        for (int linkType : new int[] {113, 276, 101, 228}) {
            byte[] frame = switch (linkType) {
                case 113 -> PcapBytes.sll(ETHERTYPE_IPV4, ip);
                case 276 -> PcapBytes.sll2(ETHERTYPE_IPV4, ip);
                default -> ip;
            };
            List<FlowRecord> flows = read(new PcapBytes.Pcap(linkType).record(T0, frame).bytes());
            assertThat(flows).as("link type %d", linkType).hasSize(1);
            assertThat(flows.get(0).getDstAddr()).isEqualTo("8.8.8.8");
            assertThat(flows.get(0).getSrcPort()).isEqualTo(33333);
            assertThat(flows.get(0).getSrcBytes()).isEqualTo(40);
        }
        List<FlowRecord> v6 = read(new PcapBytes.Pcap(229).record(T0, ip6).record(T0 + 1, ip6).bytes());
        assertThat(v6).extracting(FlowRecord::getState).containsExactly("S0");
        assertThat(v6.get(0).getSrcPackets()).isEqualTo(2);
        List<FlowRecord> raw6 = read(new PcapBytes.Pcap(101).record(T0, ip6).bytes());
        assertThat(raw6.get(0).getSrcAddr()).isEqualTo("2001:db8::5");
        List<FlowRecord> sll6 = read(new PcapBytes.Pcap(276).record(T0, PcapBytes.sll2(ETHERTYPE_IPV6, ip6)).bytes());
        assertThat(sll6.get(0).getDstAddr()).isEqualTo("2001:db8::6");
        assertThat(errors.count()).isZero();
    }

    @Test
    void arpFrameIsCountedAsSkippedNonIpPacket() throws IOException {
        byte[] capture = new PcapBytes.Pcap(1)
                .record(T0, ethernet(ETHERTYPE_ARP, arp()))
                .record(T0 + 5, tcpV4("10.0.0.1", 1234, "10.0.0.2", 80, SYN, 0))
                .record(T0 + 9, ethernet(ETHERTYPE_ARP, arp()))
                .record(T0 + 12, ethernet(0x88CC, new byte[30]))
                .record(T0 + 15, ethernet(0x0042, new byte[66])) // an 802.3 length, not a type
                .bytes();

        List<FlowRecord> flows = read(capture);

        assertThat(flows).hasSize(1);
        assertThat(errors.skippedByKind()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "non-IP packet (ARP)", 2L, "non-IP packet (LLDP)", 1L, "non-IP packet (802.3 LLC)", 1L));
        assertThat(errors.count()).isZero();
    }

    @Test
    void truncatedLastRecordIsReportedWithItsRecordNumberAndEarlierFlowsSurvive() throws IOException {
        byte[] full = new PcapBytes.Pcap(1)
                .record(T0, tcpV4("10.0.0.1", 1234, "10.0.0.2", 80, SYN, 0))
                .record(T0 + 5, tcpV4("10.0.0.2", 80, "10.0.0.1", 1234, SYN | ACK, 0))
                .bytes();
        byte[] cut = Arrays.copyOf(full, full.length - 10);

        List<FlowRecord> flows = read(cut);

        assertThat(flows).hasSize(1);
        assertThat(flows.get(0).getSrcPackets()).isEqualTo(1);
        assertThat(flows.get(0).getDstPackets()).isZero();
        assertThat(errors.count()).isEqualTo(1);
        assertThat(errors.examples().get(0).line()).isEqualTo(2);
        assertThat(errors.examples().get(0).reason()).isEqualTo("truncated record at end of input: 44 of 54 bytes captured");
    }

    @Test
    void headersCutByTheSnapLengthAreReportedPerRecord() throws IOException {
        byte[] frame = tcpV4("10.0.0.1", 1234, "10.0.0.2", 80, SYN, 0);
        byte[] cutInTcp = Arrays.copyOf(frame, 14 + 20 + 8);
        byte[] cutInIp = Arrays.copyOf(frame, 14 + 12);
        byte[] capture = new PcapBytes.Pcap(1)
                .record(T0, cutInTcp, cutInTcp.length, frame.length)
                .record(T0 + 1, cutInIp, cutInIp.length, frame.length)
                .record(T0 + 2, frame)
                .bytes();

        List<FlowRecord> flows = read(capture);

        assertThat(flows).hasSize(1);
        assertThat(errors.count()).isEqualTo(2);
        assertThat(errors.examples()).extracting(ReadErrors.Malformed::toString).containsExactly(
                "t.pcap:1: truncated TCP header: 8 bytes captured, need 14",
                "t.pcap:2: truncated IPv4 header: 12 bytes captured, need 20");
    }

    @Test
    void garbageBetweenRecordsIsReportedAndReadingResumesAtTheNextRecord() throws IOException {
        byte[] garbage = new byte[37];
        Arrays.fill(garbage, (byte) 0xFF);
        byte[] capture = new PcapBytes.Pcap(1)
                .record(T0, tcpV4("10.0.0.1", 1234, "10.0.0.2", 80, SYN, 0))
                .raw(garbage)
                .record(T0 + 5, tcpV4("10.0.0.2", 80, "10.0.0.1", 1234, SYN | ACK, 0))
                .record(T0 + 6, tcpV4("10.0.0.1", 1234, "10.0.0.2", 80, ACK, 0))
                .bytes();

        List<FlowRecord> flows = read(capture);

        assertThat(flows).hasSize(1);
        assertThat(flows.get(0).getSrcPackets()).isEqualTo(2);
        assertThat(flows.get(0).getDstPackets()).isEqualTo(1);
        assertThat(errors.examples()).extracting(ReadErrors.Malformed::toString).containsExactly(
                "t.pcap:2: corrupt record header (captured length 4294967295 > 262144): skipped 37 bytes to the next plausible record");
    }

    @Test
    void ipLengthBeyondTheFrameIsMalformed() throws IOException {
        byte[] frame = tcpV4("10.0.0.1", 1234, "10.0.0.2", 80, SYN, 0);
        frame[14 + 2] = 0x10; // IPv4 total length 4096 + 40 in a 54-byte frame
        read(new PcapBytes.Pcap(1).record(T0, frame).bytes());

        assertThat(errors.examples()).extracting(ReadErrors.Malformed::reason)
                .containsExactly("IPv4 total length 4136 exceeds the frame's 40 bytes of IP data");
    }

    @Test
    void bigEndianNanosecondCaptureGivesTheSameTimes() throws IOException {
        byte[] capture = new PcapBytes.Pcap(1, ByteOrder.BIG_ENDIAN, true)
                .record(T0, tcpV4("10.0.0.1", 1234, "10.0.0.2", 80, SYN, 0))
                .record(T0 + 1_500, tcpV4("10.0.0.2", 80, "10.0.0.1", 1234, SYN | ACK, 0))
                .bytes();
        assertThat(FlowFormats.detect(new FileSample("x", capture))).contains(PacketFormat.PCAP);

        FlowRecord f = read(capture).get(0);

        assertThat(f.getStartMs()).isEqualTo(1_700_000_000_123L);
        assertThat(f.getDurationUs()).isEqualTo(1_500);
    }

    @Test
    void pcapngWithNanosecondInterfaceAndOtherBlocksIsRead() throws IOException {
        long ns = T0 * 1000;
        byte[] capture = new PcapBytes.PcapNg()
                .interfaceBlock(1, 9)
                .packet(0, ns, tcpV4("10.0.0.1", 1234, "10.0.0.2", 80, SYN, 0))
                .block(5, new byte[16]) // interface statistics: not a packet
                .packet(0, ns + 2_000_000, tcpV4("10.0.0.2", 80, "10.0.0.1", 1234, SYN | ACK, 0))
                .interfaceBlock(147, -1) // a link type we do not decode
                .packet(1, 0, new byte[20])
                .bytes();
        assertThat(FlowFormats.detect(new FileSample("x", capture))).contains(PacketFormat.PCAP);

        List<FlowRecord> flows = read(capture);

        assertThat(flows).hasSize(1);
        assertThat(flows.get(0).getStartMs()).isEqualTo(1_700_000_000_123L);
        assertThat(flows.get(0).getDurationUs()).isEqualTo(2_000);
        assertThat(flows.get(0).getDstPackets()).isEqualTo(1);
        assertThat(errors.skippedByKind()).containsExactly(Map.entry("non-IP packet (link type 147)", 1L));
        assertThat(errors.notes()).containsExactly(
                "pcapng interface 1 has link type 147, which is not decoded: its packets are counted as skipped");
        assertThat(errors.count()).isZero();
    }

    @Test
    void pcapngTimestampUnitsConvertToMicroseconds() {
        assertThat(PcapPackets.micros(1_500_000L, false, 6, 0)).isEqualTo(1_500_000L);
        assertThat(PcapPackets.micros(1_500_000_999L, false, 9, 0)).isEqualTo(1_500_000L);
        assertThat(PcapPackets.micros(15L, false, 1, 0)).isEqualTo(1_500_000L);
        assertThat(PcapPackets.micros((3L << 32) | (1L << 31), true, 32, 0)).isEqualTo(3_500_000L);
        assertThat(PcapPackets.micros(0, false, 6, 10)).isEqualTo(10_000_000L);
    }

    @Test
    void detectionIsByMagicAndOtherLinkTypesAreRefusedAtOpen() {
        assertThat(PacketFormat.PCAP.matches(new FileSample("a", new PcapBytes.Pcap(1).bytes()))).isTrue();
        assertThat(PacketFormat.PCAP.matches(new FileSample("a", new PcapBytes.Pcap(1, ByteOrder.LITTLE_ENDIAN, true).bytes()))).isTrue();
        assertThat(PacketFormat.PCAP.matches(new FileSample("a", "No.,Time\n".getBytes()))).isFalse();
        assertThat(PacketFormat.PCAP.matches(new FileSample("a", new byte[] {(byte) 0xA1, (byte) 0xB2}))).isFalse();

        assertThatThrownBy(() -> read(new PcapBytes.Pcap(147).bytes()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("t.pcap: unsupported pcap link type 147");
        assertThatThrownBy(() -> read("not a capture at all".getBytes()))
                .isInstanceOf(IOException.class)
                .hasMessage("t.pcap: not a pcap capture: magic 0x6e6f7420");
    }

    // ---- real captures ----

    /** What one real capture gives with the default meter. */
    private record Measured(long records, List<FlowRecord> flows, ReadErrors errors) {
        Map<String, Long> states() {
            Map<String, Long> m = new TreeMap<>();
            for (FlowRecord f : flows) m.merge(f.getState(), 1L, Long::sum);
            return m;
        }

        long packets() {
            return flows.stream().mapToLong(f -> f.getSrcPackets() + f.getDstPackets()).sum();
        }

        long bytes() {
            return flows.stream().mapToLong(f -> f.getSrcBytes() + f.getDstBytes()).sum();
        }
    }

    private static Measured measure(Path file, PacketFormat format) throws IOException {
        ReadErrors errors = ReadErrors.unlimited();
        List<FlowRecord> flows = new ArrayList<>();
        try (FlowReader r = FlowFiles.open(file, format, errors)) {
            assertThat(r.format().id()).isEqualTo("pcap");
            r.forEachRemaining(flows::add);
            return new Measured(((PacketFlowReader) r).recordsRead(), flows, errors);
        }
    }

    /*
     * Cross-checked with TShark 4.0.17 (Debian 12): `tshark -r FILE -q -z conv,tcp` lists 67 TCP
     * conversations for the SSH brute force with exactly the per-conversation frame counts of our
     * 67 flows, and `-z conv,ipv4` lists 18 address pairs for the ICMP scan. Conversations and
     * flows agree because no timeout is reached (the captures last 12.8 s and 1.6 s, idle timeout
     * 120 s) and each 4-tuple is used once. Summing `ip.len` gives 230,592 and 1,036 bytes, our
     * byte totals (frame bytes are 247,092 and 1,554: Ethernet headers and two padded frames).
     * Without the close linger (closeTimeout 0) the teardown stragglers become flows of their
     * own: the 48 final ACKs after the second FIN, and one ACK + RST pair sent after a RST, so
     * 116 flows instead of 67.
     */
    @Test
    void realSshBruteForceCaptureGivesOneFlowPerTcpConnection() throws IOException {
        Path file = SharedData.file("pcap/malicious-ssh-bruteforce.pcap");
        Measured m = measure(file, null);

        assertThat(m.records()).isEqualTo(1_178);
        assertThat(m.packets()).isEqualTo(1_178);
        assertThat(m.errors().count()).isZero();
        assertThat(m.errors().skippedByKind()).isEmpty();
        assertThat(m.flows()).hasSize(67);
        assertThat(m.states()).isEqualTo(Map.of("RST", 19L, "SF", 48L));
        assertThat(m.bytes()).isEqualTo(230_592);
        assertThat(m.flows()).extracting(FlowRecord::getDstPort).containsOnly(902);
        assertThat(m.flows()).extracting(FlowRecord::getSrcAddr).containsOnly("147.32.80.40");
        FlowRecord first = m.flows().get(0); // SYN, SYN-ACK, RST: ended by its close linger first
        assertThat(first.getSrcPort()).isEqualTo(36679);
        assertThat(first.getSrcPackets()).isEqualTo(2);
        assertThat(first.getDstPackets()).isEqualTo(1);
        assertThat(first.getTcpFlags()).isEqualTo(SYN | ACK | TcpFlags.RST);
        assertThat(first.getStartMs()).isEqualTo(1_774_219_636_918L);

        Measured noLinger = measure(file, PacketFormat.PCAP.withOptions(
                FlowMeter.Options.DEFAULTS.withCloseTimeout(Duration.ZERO)));
        assertThat(noLinger.flows()).hasSize(116);
        assertThat(noLinger.packets()).isEqualTo(1_178);
    }

    @Test
    void realIcmpScanGivesOneFlowPerAddressPair() throws IOException {
        Measured m = measure(SharedData.file("pcap/test12-icmp-portscan.pcap"), null);

        assertThat(m.records()).isEqualTo(37);
        assertThat(m.packets()).isEqualTo(37);
        assertThat(m.errors().count()).isZero();
        assertThat(m.errors().skippedByKind()).isEmpty();
        assertThat(m.flows()).hasSize(18);
        assertThat(m.states()).isEqualTo(Map.of("CON", 11L, "INT", 7L)); // answered / unanswered pings
        assertThat(m.bytes()).isEqualTo(1_036);
        assertThat(m.flows()).extracting(FlowRecord::getProtocol).containsOnly(Protocols.ICMP);
        assertThat(m.flows()).extracting(FlowRecord::getIcmpType).containsOnly(8);
        assertThat(m.flows()).extracting(FlowRecord::getSrcAddr).containsOnly("192.168.1.109");
    }
}
