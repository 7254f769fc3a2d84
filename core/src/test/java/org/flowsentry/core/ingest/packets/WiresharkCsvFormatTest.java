package org.flowsentry.core.ingest.packets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.flow.TcpFlags;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.FlowFormats;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class WiresharkCsvFormatTest {
    private static final String HEADER = "\"No.\",\"Time\",\"Source\",\"Destination\",\"Protocol\",\"Length\",\"Info\"\n";
    private static final String RELATIVE_NOTE = "Time column is seconds since the first packet (Wireshark's default): "
            + "flow times are offsets from 1970-01-01T00:00:00Z, not real dates";

    private final ReadErrors errors = ReadErrors.unlimited();

    private List<FlowRecord> read(String csv) throws IOException {
        List<FlowRecord> flows = new ArrayList<>();
        try (FlowReader r = PacketFormat.WIRESHARK_CSV.open(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "list.csv", errors)) {
            r.forEachRemaining(flows::add);
        }
        return flows;
    }

    @Test
    void tcpConnectionWithArrowPortsBecomesOneCompletedFlowCountingFrameLengths() throws IOException {
        List<FlowRecord> flows = read(HEADER
                + "\"1\",\"0.000000\",\"10.0.0.5\",\"93.184.216.34\",\"TCP\",\"74\",\"52134 → 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460\"\n"
                + "\"2\",\"0.021000\",\"93.184.216.34\",\"10.0.0.5\",\"TCP\",\"74\",\"80 → 52134 [SYN, ACK] Seq=0 Ack=1 Win=65535 Len=0\"\n"
                + "\"3\",\"0.021100\",\"10.0.0.5\",\"93.184.216.34\",\"TCP\",\"66\",\"52134 → 80 [ACK] Seq=1 Ack=1 Win=64256 Len=0\"\n"
                + "\"4\",\"0.030000\",\"10.0.0.5\",\"93.184.216.34\",\"TCP\",\"66\",\"[TCP Retransmission] 52134 → 80 [FIN, ACK] Seq=1 Ack=1 Win=64256 Len=0\"\n"
                + "\"5\",\"0.051000\",\"93.184.216.34\",\"10.0.0.5\",\"TCP\",\"66\",\"80 → 52134 [FIN, ACK] Seq=1 Ack=2 Win=65535 Len=0\"\n"
                + "\"6\",\"0.051234\",\"10.0.0.5\",\"93.184.216.34\",\"TCP\",\"66\",\"52134 → 80 [ACK] Seq=2 Ack=2 Win=64256 Len=0\"\n");

        assertThat(flows).hasSize(1);
        FlowRecord f = flows.get(0);
        assertThat(f.getSrcAddr()).isEqualTo("10.0.0.5");
        assertThat(f.getSrcPort()).isEqualTo(52134);
        assertThat(f.getDstAddr()).isEqualTo("93.184.216.34");
        assertThat(f.getDstPort()).isEqualTo(80);
        assertThat(f.getProtocol()).isEqualTo(Protocols.TCP);
        assertThat(f.getSrcPackets()).isEqualTo(4);
        assertThat(f.getSrcBytes()).isEqualTo(74 + 66 + 66 + 66);
        assertThat(f.getDstPackets()).isEqualTo(2);
        assertThat(f.getDstBytes()).isEqualTo(74 + 66);
        assertThat(f.getTcpFlags()).isEqualTo(TcpFlags.SYN | TcpFlags.ACK | TcpFlags.FIN);
        assertThat(f.getState()).isEqualTo("SF");
        assertThat(f.getStartMs()).isEqualTo(0);
        assertThat(f.getEndMs()).isEqualTo(51);
        assertThat(f.getDurationUs()).isEqualTo(51_234);
        assertThat(f.getService()).isNull();
        assertThat(f.getExporter()).isEqualTo("list.csv");
        assertThat(errors.notes()).containsExactly(RELATIVE_NOTE);
        assertThat(errors.count()).isZero();
    }

    @Test
    void olderWiresharkArrowsAndUdpPortTextAreRead() throws IOException {
        List<FlowRecord> flows = read(HEADER
                + "\"1\",\"0.000000\",\"10.0.0.5\",\"10.0.0.9\",\"TCP\",\"74\",\"52134 > 22 [SYN] Seq=0 Win=5840 Len=0\"\n"
                + "\"2\",\"0.000300\",\"10.0.0.9\",\"10.0.0.5\",\"TCP\",\"60\",\"22 > 52134 [RST, ACK] Seq=1 Ack=1 Win=0 Len=0\"\n"
                + "\"3\",\"0.100000\",\"10.0.0.5\",\"224.0.0.251\",\"UDP\",\"82\",\"Source port: 5353  Destination port: 5353\"\n"
                + "\"4\",\"0.200000\",\"10.0.0.5\",\"10.0.0.1\",\"UDP\",\"82\",\"52135 → 53 Len=40\"\n");

        assertThat(flows).hasSize(3);
        assertThat(flows).extracting(FlowRecord::getState).containsExactly("REJ", "INT", "INT");
        assertThat(flows).extracting(FlowRecord::getProtocol).containsExactly(Protocols.TCP, Protocols.UDP, Protocols.UDP);
        assertThat(flows).extracting(FlowRecord::getSrcPort).containsExactly(52134, 5353, 52135);
        assertThat(flows).extracting(FlowRecord::getDstPort).containsExactly(22, 5353, 53);
        assertThat(flows.get(0).getTcpFlags()).isEqualTo(TcpFlags.SYN | TcpFlags.RST | TcpFlags.ACK);
        assertThat(flows.get(1).getTcpFlags()).isNull();
        assertThat(errors.count()).isZero();
    }

    @Test
    void applicationProtocolRowsJoinTheirConnectionAndNameItsService() throws IOException {
        List<FlowRecord> flows = read(HEADER
                + "\"1\",\"0.000000\",\"10.0.0.5\",\"10.0.0.80\",\"TCP\",\"74\",\"40000 → 443 [SYN] Seq=0 Win=64240 Len=0\"\n"
                + "\"2\",\"0.001000\",\"10.0.0.80\",\"10.0.0.5\",\"TCP\",\"74\",\"443 → 40000 [SYN, ACK] Seq=0 Ack=1 Win=65160 Len=0\"\n"
                + "\"3\",\"0.001100\",\"10.0.0.5\",\"10.0.0.80\",\"TCP\",\"66\",\"40000 → 443 [ACK] Seq=1 Ack=1 Win=64256 Len=0\"\n"
                + "\"4\",\"0.002000\",\"10.0.0.5\",\"10.0.0.80\",\"TLSv1.2\",\"583\",\"Client Hello\"\n"
                + "\"5\",\"0.004000\",\"10.0.0.80\",\"10.0.0.5\",\"TLSv1.2\",\"1514\",\"Server Hello, Certificate\"\n"
                + "\"6\",\"0.010000\",\"10.0.0.5\",\"10.0.0.53\",\"DNS\",\"77\",\"Standard query 0x1a2b A example.com\"\n"
                + "\"7\",\"0.012000\",\"10.0.0.53\",\"10.0.0.5\",\"DNS\",\"93\",\"Standard query response 0x1a2b A example.com A 93.184.216.34\"\n");

        assertThat(flows).hasSize(2);
        FlowRecord tls = flows.get(0);
        assertThat(tls.getSrcPort()).isEqualTo(40000);
        assertThat(tls.getDstPort()).isEqualTo(443);
        assertThat(tls.getSrcPackets()).isEqualTo(3);
        assertThat(tls.getSrcBytes()).isEqualTo(74 + 66 + 583);
        assertThat(tls.getDstPackets()).isEqualTo(2);
        assertThat(tls.getDstBytes()).isEqualTo(74 + 1514);
        assertThat(tls.getService()).isEqualTo("TLSv1.2");
        assertThat(tls.getTcpFlags()).isEqualTo(TcpFlags.SYN | TcpFlags.ACK); // application rows carry no flags
        FlowRecord dns = flows.get(1); // no ports anywhere: a port-less UDP flow
        assertThat(dns.getProtocol()).isEqualTo(Protocols.UDP);
        assertThat(dns.getSrcPort()).isNull();
        assertThat(dns.getService()).isEqualTo("DNS");
        assertThat(dns.getSrcPackets()).isEqualTo(1);
        assertThat(dns.getDstPackets()).isEqualTo(1);
        assertThat(errors.count()).isZero();
    }

    @Test
    void portColumnsWinOverInfoAndNamePortsOfApplicationRows() throws IOException {
        List<FlowRecord> flows = read("\"No.\",\"Time\",\"Source\",\"Destination\",\"Protocol\",\"Length\",\"Info\",\"Source Port\",\"Destination Port\"\n"
                + "\"1\",\"0.0\",\"10.0.0.5\",\"10.0.0.53\",\"DNS\",\"77\",\"Standard query 0x1a2b A example.com\",\"51000\",\"53\"\n"
                + "\"2\",\"0.5\",\"10.0.0.5\",\"10.0.0.53\",\"DNS\",\"77\",\"Standard query 0x1a2c AAAA example.com\",\"51001\",\"53\"\n");

        assertThat(flows).extracting(FlowRecord::getSrcPort).containsExactly(51000, 51001);
        assertThat(flows).extracting(FlowRecord::getDstPort).containsOnly(53);
    }

    @Test
    void icmpRowsGiveTypeAndCodeAndArpIsSkipped() throws IOException {
        List<FlowRecord> flows = read(HEADER
                + "\"1\",\"0.000000\",\"Cisco_3c:4d:5e\",\"Broadcast\",\"ARP\",\"60\",\"Who has 10.0.0.1? Tell 10.0.0.254\"\n"
                + "\"2\",\"0.100000\",\"10.0.0.5\",\"10.0.0.1\",\"ICMP\",\"98\",\"Echo (ping) request  id=0x0001, seq=1/256, ttl=64 (reply in 3)\"\n"
                + "\"3\",\"0.100500\",\"10.0.0.1\",\"10.0.0.5\",\"ICMP\",\"98\",\"Echo (ping) reply    id=0x0001, seq=1/256, ttl=64 (request in 2)\"\n"
                + "\"4\",\"0.200000\",\"10.0.0.1\",\"10.0.0.7\",\"ICMP\",\"70\",\"Destination unreachable (Port unreachable)\"\n"
                + "\"5\",\"0.300000\",\"fe80::1\",\"ff02::1:ff00:2\",\"ICMPv6\",\"86\",\"Neighbor Solicitation for fe80::2 from 00:1b:21:01:02:03\"\n"
                + "\"6\",\"0.400000\",\"00:1b:21:01:02:03\",\"01:80:c2:00:00:0e\",\"LLDP\",\"60\",\"NoS = 00:1b:21:01:02:03 TTL = 120\"\n");

        assertThat(flows).hasSize(3);
        assertThat(flows).extracting(FlowRecord::getIcmpType).containsExactly(8, 3, 135);
        assertThat(flows).extracting(FlowRecord::getIcmpCode).containsExactly(0, 3, 0);
        assertThat(flows).extracting(FlowRecord::getProtocol).containsExactly(Protocols.ICMP, Protocols.ICMP, Protocols.ICMPV6);
        assertThat(flows.get(0).getState()).isEqualTo("CON");
        assertThat(errors.skippedByKind()).isEqualTo(Map.of("non-IP packet (ARP)", 1L, "non-IP packet (LLDP)", 1L));
        assertThat(errors.count()).isZero();
    }

    @Test
    void malformedRowsAreReportedWithTheirLineAndTheRestIsRead() throws IOException {
        List<FlowRecord> flows = read(HEADER
                + "\"1\",\"0.000000\",\"10.0.0.5\",\"10.0.0.9\",\"TCP\",\"74\",\"52134 → 22 [SYN] Seq=0 Len=0\"\n"
                + "\"2\",\"soon\",\"10.0.0.5\",\"10.0.0.9\",\"TCP\",\"74\",\"52134 → 22 [SYN] Seq=0 Len=0\"\n"
                + "\"3\",\"0.1\",\"router.lan\",\"10.0.0.9\",\"UDP\",\"60\",\"1000 → 53 Len=18\"\n"
                + "\"4\",\"0.2\",\"10.0.0.5\",\"10.0.0.9\",\"FOO\",\"60\",\"something proprietary\"\n"
                + "\"5\",\"0.3\",\"10.0.0.5\",\"10.0.0.9\",\"TCP\",\"sixty\",\"52134 → 22 [ACK] Seq=1 Len=0\"\n"
                + "\"6\",\"0.4\",\"10.0.0.5\",\"10.0.0.9\",\"TCP\"\n"
                + "\"7\",\"0.5\",\"10.0.0.5\",\"10.0.0.9\",\"TCP\",\"60\",\"52134 → ssh [ACK] Seq=1 Len=0\"\n"
                + "\"8\",\"0.6\",\"10.0.0.9\",\"10.0.0.5\",\"TCP\",\"60\",\"22 → 52134 [SYN, ACK] Seq=0 Ack=1 Len=0\"\n");

        assertThat(flows).hasSize(1);
        assertThat(flows.get(0).getSrcPackets()).isEqualTo(1);
        assertThat(flows.get(0).getDstPackets()).isEqualTo(1);
        assertThat(errors.count()).isEqualTo(6);
        assertThat(errors.examples()).extracting(ReadErrors.Malformed::toString).containsExactly(
                "list.csv:3: column 'Time': not a time: 'soon'",
                "list.csv:4: column 'Source': not an IP address: 'router.lan' (export with name resolution off)",
                "list.csv:5: column 'Protocol': unknown transport for 'FOO' (not in the table and Info shows no ports)",
                "list.csv:6: column 'Length': not a number: 'sixty'",
                "list.csv:7: expected 7 fields, found 5");
    }

    @Test
    void absoluteAndEpochTimesGiveRealDates() throws IOException {
        List<FlowRecord> flows = read(HEADER
                + "\"1\",\"2024-01-02 03:04:05.123456\",\"10.0.0.5\",\"10.0.0.1\",\"UDP\",\"60\",\"1000 → 53 Len=18\"\n"
                + "\"2\",\"2024-01-02 03:04:05.623456\",\"10.0.0.1\",\"10.0.0.5\",\"UDP\",\"90\",\"53 → 1000 Len=48\"\n");
        assertThat(flows.get(0).getStartMs()).isEqualTo(1_704_164_645_123L);
        assertThat(flows.get(0).getDurationUs()).isEqualTo(500_000);
        assertThat(errors.notes()).containsExactly("Time column has dates without a zone: read as UTC "
                + "(Wireshark writes local time unless a UTC format is chosen)");

        ReadErrors epochErrors = ReadErrors.unlimited();
        try (FlowReader r = PacketFormat.WIRESHARK_CSV.open(new ByteArrayInputStream((HEADER
                + "\"1\",\"1704164645.123456789\",\"10.0.0.5\",\"10.0.0.1\",\"UDP\",\"60\",\"1000 → 53 Len=18\"\n")
                .getBytes(StandardCharsets.UTF_8)), "e.csv", epochErrors)) {
            FlowRecord f = r.next();
            assertThat(f.getStartMs()).isEqualTo(1_704_164_645_123L);
        }
        assertThat(epochErrors.notes()).isEmpty();
    }

    @Test
    void decimalSecondsConvertExactlyToMicroseconds() {
        assertThat(WiresharkCsvPackets.decimalMicros("0.000001")).isEqualTo(1);
        assertThat(WiresharkCsvPackets.decimalMicros("12.3")).isEqualTo(12_300_000);
        assertThat(WiresharkCsvPackets.decimalMicros("1704164645.123456789")).isEqualTo(1_704_164_645_123_456L);
        assertThat(WiresharkCsvPackets.decimalMicros("7")).isEqualTo(7_000_000);
        assertThat(WiresharkCsvPackets.decimalMicros("-0.5")).isEqualTo(-500_000);
        assertThatThrownBy(() -> WiresharkCsvPackets.decimalMicros("1e3")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> WiresharkCsvPackets.decimalMicros(".")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void infoTextGivesTransportPortsAndFlags() {
        assertThat(WiresharkInfo.transport("SSHv2", "Client: Encrypted packet (len=36)")).isEqualTo(Protocols.TCP);
        assertThat(WiresharkInfo.transport("HTTP", "GET / HTTP/1.1 ")).isEqualTo(Protocols.TCP);
        assertThat(WiresharkInfo.transport("QUIC", "Initial, DCID=0123, PKN: 0, CRYPTO")).isEqualTo(Protocols.UDP);
        assertThat(WiresharkInfo.transport("NTP", "NTP Version 4, client")).isEqualTo(Protocols.UDP);
        assertThat(WiresharkInfo.transport("IGMPv3", "Membership Report / Join group 239.255.255.250")).isEqualTo(Protocols.IGMP);
        assertThat(WiresharkInfo.transport("XYZ", "3000 → 4000 [PSH, ACK] Seq=1 Ack=1 Len=10")).isEqualTo(Protocols.TCP);
        assertThat(WiresharkInfo.transport("XYZ", "3000 → 4000 Len=10")).isEqualTo(Protocols.UDP);
        assertThat(WiresharkInfo.transport("XYZ", "hello")).isEqualTo(-1);
        assertThat(WiresharkInfo.ports("[TCP Keep-Alive] [TCP Dup ACK 5#1] 443 → 40000 [ACK] Seq=0")).containsExactly(443, 40000);
        assertThat(WiresharkInfo.ports("Standard query 0x1a2b A example.com")).isNull();
        assertThat(WiresharkInfo.tcpFlags("[TCP Retransmission] 1 → 2 [SYN, ECE, CWR] Seq=0")).isEqualTo(
                TcpFlags.SYN | TcpFlags.ECE | TcpFlags.CWR);
        assertThat(WiresharkInfo.tcpFlags("[TCP segment of a reassembled PDU]")).isZero();
    }

    @Test
    void detectedByItsHeaderAndNothingElse() {
        assertThat(FlowFormats.detect(new FileSample("x.csv", (HEADER + "\"1\",\"0.0\"\n").getBytes(StandardCharsets.UTF_8))))
                .contains(PacketFormat.WIRESHARK_CSV);
        assertThat(PacketFormat.WIRESHARK_CSV.matches(new FileSample("x.csv",
                "No.,Time,Source,Destination,Protocol,Length,Info\n".getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(PacketFormat.WIRESHARK_CSV.matches(new FileSample("x.csv",
                "\"No.\",\"Time\",\"Source\",\"Destination\",\"Protocol\",\"Length\"\n".getBytes(StandardCharsets.UTF_8)))).isFalse();
        assertThat(PacketFormat.WIRESHARK_CSV.matches(new FileSample("x.csv",
                "StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,Info\n".getBytes(StandardCharsets.UTF_8)))).isFalse();
    }
}
