package org.flowsentry.core.ingest.exporters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowsentry.core.ingest.exporters.ExporterReads.read;
import static org.flowsentry.core.ingest.exporters.ExporterReads.readOne;
import static org.flowsentry.core.ingest.exporters.ExporterReads.sample;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.ingest.FlowFormats;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class Goflow2FormatTest {
    private static final Goflow2Format FORMAT = Goflow2Format.INSTANCE;

    /** goflow2 2.x, IPFIX, 1-in-512 sampling, every field goflow2 writes by default. */
    static final String V2_IPFIX = "{\"type\":\"IPFIX\",\"time_received_ns\":1711147640123456789,\"sequence_num\":4711,"
            + "\"sampling_rate\":512,\"sampler_address\":\"192.0.2.10\",\"time_flow_start_ns\":1711147630250000000,"
            + "\"time_flow_end_ns\":1711147636918162000,\"bytes\":1500,\"packets\":3,\"src_addr\":\"198.51.100.7\","
            + "\"dst_addr\":\"203.0.113.20\",\"etype\":\"IPv4\",\"proto\":\"TCP\",\"src_port\":51334,\"dst_port\":443,"
            + "\"in_if\":10,\"out_if\":20,\"src_mac\":\"00:00:00:00:00:00\",\"dst_mac\":\"00:00:00:00:00:00\","
            + "\"src_vlan\":0,\"dst_vlan\":0,\"vlan_id\":0,\"ip_tos\":0,\"forwarding_status\":64,\"ip_ttl\":0,"
            + "\"ip_flags\":0,\"tcp_flags\":27,\"icmp_type\":0,\"icmp_code\":0,\"ipv6_flow_label\":0,\"fragment_id\":0,"
            + "\"fragment_offset\":0,\"src_as\":64500,\"dst_as\":64501,\"next_hop\":\"192.0.2.1\",\"next_hop_as\":0,"
            + "\"src_net\":\"198.51.100.0/24\",\"dst_net\":\"203.0.113.0/24\",\"bgp_next_hop\":\"\",\"bgp_communities\":[],"
            + "\"as_path\":[],\"mpls_ttl\":[],\"mpls_label\":[],\"mpls_ip\":[],\"observation_domain_id\":0,"
            + "\"observation_point_id\":0}";

    /** goflow2 2.x, sFlow: one sampled packet; goflow2 copies the receive time into the flow times. */
    static final String V2_SFLOW = "{\"type\":\"SFLOW_5\",\"time_received_ns\":1709065925640583812,\"sequence_num\":47144,"
            + "\"sampling_rate\":1024,\"sampler_address\":\"10.10.26.5\",\"time_flow_start_ns\":1709065925640583812,"
            + "\"time_flow_end_ns\":1709065925640583812,\"bytes\":70,\"packets\":1,\"src_addr\":\"10.10.11.1\","
            + "\"dst_addr\":\"10.10.11.62\",\"etype\":\"IPv4\",\"proto\":\"UDP\",\"src_port\":51616,\"dst_port\":53,"
            + "\"in_if\":0,\"out_if\":5031,\"src_mac\":\"52:54:00:f2:63:c5\",\"dst_mac\":\"00:16:3e:c9:e3:eb\","
            + "\"ip_tos\":0,\"forwarding_status\":0,\"ip_ttl\":64,\"ip_flags\":2,\"tcp_flags\":0,\"icmp_type\":0,"
            + "\"icmp_code\":0,\"fragment_id\":25350,\"fragment_offset\":0,\"src_as\":0,\"dst_as\":0}";

    /** goflow2 1.x (Go field names, seconds plus TimeFlowStartMs), NetFlow v9 without sampling. */
    static final String V1_NETFLOW9 = "{\"Type\":\"NETFLOW_V9\",\"TimeReceived\":1713794400,\"SequenceNum\":866964284,"
            + "\"SamplingRate\":0,\"FlowDirection\":0,\"SamplerAddress\":\"10.45.2.2\",\"TimeFlowStart\":1713794381,"
            + "\"TimeFlowEnd\":1713794382,\"TimeFlowStartMs\":1713794381250,\"TimeFlowEndMs\":1713794382750,"
            + "\"Bytes\":168,\"Packets\":2,\"SrcAddr\":\"192.0.2.33\",\"DstAddr\":\"198.51.100.44\",\"Etype\":2048,"
            + "\"Proto\":6,\"SrcPort\":33994,\"DstPort\":443,\"InIf\":28,\"OutIf\":20,\"SrcMac\":\"00:00:00:00:00:00\","
            + "\"DstMac\":\"00:00:00:00:00:00\",\"SrcVlan\":0,\"DstVlan\":41,\"VlanId\":0,\"IngressVrfID\":0,"
            + "\"EgressVrfID\":0,\"IpTos\":0,\"ForwardingStatus\":0,\"IpTtl\":0,\"TcpFlags\":16,\"IcmpType\":0,"
            + "\"IcmpCode\":0,\"Ipv6FlowLabel\":0,\"FragmentId\":0,\"FragmentOffset\":0,\"BiFlowDirection\":0,"
            + "\"SrcAs\":0,\"DstAs\":0,\"NextHop\":\"172.16.1.27\",\"NextHopAs\":0,\"SrcNet\":32,\"DstNet\":28}";

    /** cloudflare/goflow names (IPTos, IPTTL, TCPFlags), times in seconds only. */
    static final String V1_CLOUDFLARE = "{\"Type\":\"NETFLOW_V5\",\"TimeReceived\":1600000010,\"SequenceNum\":1,"
            + "\"SamplingRate\":100,\"SamplerAddress\":\"192.0.2.1\",\"TimeFlowStart\":1600000000,"
            + "\"TimeFlowEnd\":1600000005,\"Bytes\":4000,\"Packets\":10,\"SrcAddr\":\"192.0.2.50\","
            + "\"DstAddr\":\"198.51.100.60\",\"Etype\":2048,\"Proto\":17,\"SrcPort\":5353,\"DstPort\":53,"
            + "\"IPTos\":8,\"IPTTL\":63,\"TCPFlags\":0}";

    @Test
    void ipfixV2MapsEveryFieldAndScalesCountersBySamplingRate() {
        FlowRecord r = readOne(FORMAT, V2_IPFIX);

        assertThat(r.getSrcAddr()).isEqualTo("198.51.100.7");
        assertThat(r.getDstAddr()).isEqualTo("203.0.113.20");
        assertThat(r.getSrcPort()).isEqualTo(51334);
        assertThat(r.getDstPort()).isEqualTo(443);
        assertThat(r.getProtocol()).isEqualTo(Protocols.TCP);
        assertThat(r.getSrcPackets()).isEqualTo(3L * 512);
        assertThat(r.getSrcBytes()).isEqualTo(1500L * 512);
        assertThat(r.getDstPackets()).isZero();
        assertThat(r.getDstBytes()).isZero();
        assertThat(r.getSamplingRate()).isEqualTo(512L);
        assertThat(r.getStartMs()).isEqualTo(1711147630250L);
        assertThat(r.getEndMs()).isEqualTo(1711147636918L);
        assertThat(r.getDurationUs()).isEqualTo(6_668_162L); // from the ns values, not the rounded ms
        assertThat(r.getTcpFlags()).isEqualTo(27);
        assertThat(r.getIcmpType()).isNull();
        assertThat(r.getIcmpCode()).isNull();
        assertThat(r.getExporter()).isEqualTo("192.0.2.10");
        // ip_ttl 0 means the template did not carry it; interface indexes and ASNs are not features.
        assertThat(r.getFeatures()).isEqualTo(Map.of("ip_tos", 0.0, "ip_flags", 0.0));
        assertThat(r.getLabel()).isNull();
        assertThat(r.getAttackCategory()).isNull();
        assertThat(r.getState()).isNull();
        assertThat(r.getService()).isNull();
    }

    @Test
    void sflowV2SampleBecomesAScaledSinglePacketFlow() {
        FlowRecord r = readOne(FORMAT, V2_SFLOW);

        assertThat(r.getProtocol()).isEqualTo(Protocols.UDP);
        assertThat(r.getSrcAddr()).isEqualTo("10.10.11.1");
        assertThat(r.getDstAddr()).isEqualTo("10.10.11.62");
        assertThat(r.getSrcPort()).isEqualTo(51616);
        assertThat(r.getDstPort()).isEqualTo(53);
        assertThat(r.getSrcPackets()).isEqualTo(1024L);
        assertThat(r.getSrcBytes()).isEqualTo(70L * 1024);
        assertThat(r.getSamplingRate()).isEqualTo(1024L);
        assertThat(r.getStartMs()).isEqualTo(1709065925640L);
        assertThat(r.getEndMs()).isEqualTo(1709065925640L);
        assertThat(r.getDurationUs()).isZero();
        assertThat(r.getTcpFlags()).as("tcp_flags 0 of a UDP flow is not a TCP flag set").isNull();
        assertThat(r.getExporter()).isEqualTo("10.10.26.5");
        assertThat(r.getFeatures()).isEqualTo(Map.of("ip_ttl", 64.0, "ip_tos", 0.0, "ip_flags", 2.0));
    }

    @Test
    void icmpv6KeepsTypeAndCodeAndHasNoPorts() {
        FlowRecord r = readOne(FORMAT, V2_SFLOW.replace("\"etype\":\"IPv4\",\"proto\":\"UDP\"", "\"etype\":\"IPv6\",\"proto\":\"ICMPv6\"")
                .replace("\"src_addr\":\"10.10.11.1\"", "\"src_addr\":\"2001:db8::1\"")
                .replace("\"dst_addr\":\"10.10.11.62\"", "\"dst_addr\":\"2001:db8::2\"")
                .replace("\"icmp_type\":0", "\"icmp_type\":128"));

        assertThat(r.getProtocol()).isEqualTo(Protocols.ICMPV6);
        assertThat(r.getIcmpType()).isEqualTo(128);
        assertThat(r.getIcmpCode()).isZero();
        assertThat(r.getSrcPort()).isNull();
        assertThat(r.getDstPort()).isNull();
        assertThat(r.getSrcAddr()).isEqualTo("2001:db8::1");
    }

    @Test
    void zeroFlowTimesFallBackToTimeReceived() {
        FlowRecord r = readOne(FORMAT, V2_IPFIX.replace("\"time_flow_start_ns\":1711147630250000000", "\"time_flow_start_ns\":0")
                .replace("\"time_flow_end_ns\":1711147636918162000", "\"time_flow_end_ns\":0"));

        assertThat(r.getStartMs()).isEqualTo(1711147640123L);
        assertThat(r.getEndMs()).isEqualTo(1711147640123L);
        assertThat(r.getDurationUs()).isZero();
    }

    @Test
    void missingSamplingRateMeansUnsampled() {
        FlowRecord r = readOne(FORMAT, V2_IPFIX.replace("\"sampling_rate\":512,", ""));

        assertThat(r.getSamplingRate()).isEqualTo(1L);
        assertThat(r.getSrcPackets()).isEqualTo(3L);
        assertThat(r.getSrcBytes()).isEqualTo(1500L);
    }

    @Test
    void protocolWithoutAGoflow2NameIsUnknownButKeepsItsAddresses() {
        // goflow2 2.x names only ICMP, TCP, UDP, ICMPv6 and SCTP; GRE is rendered as "".
        FlowRecord r = readOne(FORMAT, V2_IPFIX.replace("\"proto\":\"TCP\"", "\"proto\":\"\""));

        assertThat(r.getProtocol()).isEqualTo(Protocols.UNKNOWN);
        assertThat(r.getSrcAddr()).isEqualTo("198.51.100.7");
        assertThat(r.getSrcPort()).isNull();
        assertThat(r.getTcpFlags()).isNull();
    }

    @Test
    void arpSampleIsANonIpFlowBetweenMacAddresses() {
        FlowRecord r = readOne(FORMAT, V2_SFLOW.replace("\"etype\":\"IPv4\",\"proto\":\"UDP\"", "\"etype\":\"ARP\",\"proto\":\"\"")
                .replace("\"src_addr\":\"10.10.11.1\"", "\"src_addr\":\"\"")
                .replace("\"dst_addr\":\"10.10.11.62\"", "\"dst_addr\":\"\""));

        assertThat(r.getProtocol()).isEqualTo(Protocols.UNKNOWN);
        assertThat(r.getSrcAddr()).isEqualTo("52:54:00:f2:63:c5");
        assertThat(r.getDstAddr()).isEqualTo("00:16:3e:c9:e3:eb");
        assertThat(r.getSrcPort()).isNull();
        assertThat(r.getDstPort()).isNull();
    }

    @Test
    void goflow2V1PrefersMillisecondTimesAndReadsNumericEtypeAndProto() {
        FlowRecord r = readOne(FORMAT, V1_NETFLOW9);

        assertThat(r.getSrcAddr()).isEqualTo("192.0.2.33");
        assertThat(r.getDstAddr()).isEqualTo("198.51.100.44");
        assertThat(r.getSrcPort()).isEqualTo(33994);
        assertThat(r.getDstPort()).isEqualTo(443);
        assertThat(r.getProtocol()).isEqualTo(Protocols.TCP);
        assertThat(r.getSrcPackets()).isEqualTo(2L);
        assertThat(r.getSrcBytes()).isEqualTo(168L);
        assertThat(r.getDstPackets()).isZero();
        assertThat(r.getDstBytes()).isZero();
        assertThat(r.getSamplingRate()).isEqualTo(1L);
        assertThat(r.getStartMs()).isEqualTo(1713794381250L);
        assertThat(r.getEndMs()).isEqualTo(1713794382750L);
        assertThat(r.getDurationUs()).isEqualTo(1_500_000L);
        assertThat(r.getTcpFlags()).isEqualTo(16);
        assertThat(r.getExporter()).isEqualTo("10.45.2.2");
        assertThat(r.getFeatures()).isEqualTo(Map.of("ip_tos", 0.0));
    }

    @Test
    void cloudflareGoflowNamesWithSecondTimes() {
        FlowRecord r = readOne(FORMAT, V1_CLOUDFLARE);

        assertThat(r.getProtocol()).isEqualTo(Protocols.UDP);
        assertThat(r.getSrcPort()).isEqualTo(5353);
        assertThat(r.getDstPort()).isEqualTo(53);
        assertThat(r.getSrcPackets()).isEqualTo(1000L);
        assertThat(r.getSrcBytes()).isEqualTo(400_000L);
        assertThat(r.getSamplingRate()).isEqualTo(100L);
        assertThat(r.getStartMs()).isEqualTo(1_600_000_000_000L);
        assertThat(r.getEndMs()).isEqualTo(1_600_000_005_000L);
        assertThat(r.getDurationUs()).isEqualTo(5_000_000L);
        assertThat(r.getTcpFlags()).isNull();
        assertThat(r.getExporter()).isEqualTo("192.0.2.1");
        assertThat(r.getFeatures()).isEqualTo(Map.of("ip_tos", 8.0, "ip_ttl", 63.0));
    }

    @Test
    void renderedDateTimesAreRead() {
        // goflow2's formatter can render times with the "datetimenano" renderer.
        FlowRecord r = readOne(FORMAT, V2_IPFIX.replace("\"time_flow_start_ns\":1711147630250000000",
                        "\"time_flow_start_ns\":\"2024-03-22T22:47:10.25Z\"")
                .replace("\"time_flow_end_ns\":1711147636918162000", "\"time_flow_end_ns\":\"2024-03-22T22:47:16.918162Z\""));

        assertThat(r.getStartMs()).isEqualTo(1711147630250L);
        assertThat(r.getEndMs()).isEqualTo(1711147636918L);
        assertThat(r.getDurationUs()).isEqualTo(6_668_162L);
    }

    @Test
    void detectsBothNameGenerationsAndNothingElse() {
        assertThat(FORMAT.matches(sample(V2_IPFIX, V2_SFLOW))).isTrue();
        assertThat(FORMAT.matches(sample("", V1_NETFLOW9))).isTrue();
        assertThat(FORMAT.matches(sample(V1_CLOUDFLARE))).isTrue();
        assertThat(FlowFormats.detect(sample(V2_SFLOW))).contains(FORMAT);
        assertThat(FlowFormats.detect(sample(V1_NETFLOW9))).contains(FORMAT);

        assertThat(FORMAT.matches(sample(PmacctFormatTest.PURGE_TEXT_TIMES))).isFalse();
        assertThat(FORMAT.matches(sample("{\"srcAddr\":\"10.0.0.1\",\"srcBytes\":1,\"protocol\":6}"))).isFalse();
        assertThat(FORMAT.matches(sample("{\"src_addr\":\"10.0.0.1\",\"bytes\":1}"))).isFalse();
        assertThat(FORMAT.matches(sample("type,src_addr,sampler_address", "IPFIX,10.0.0.1,10.0.0.2"))).isFalse();
        assertThat(FORMAT.matches(sample("{\"type\":\"IPFIX\",\"src_addr\":"))).isFalse();
    }

    @Test
    void malformedLinesAreReportedWithLineNumberAndReasonAndSkipped() {
        ExporterReads.Result result = read(FORMAT,
                V2_IPFIX,
                "{\"type\":\"IPFIX\",\"src_addr\":",
                V2_IPFIX.replace("\"bytes\":1500", "\"bytes\":\"lots\""),
                V2_IPFIX.replace("\"bytes\":1500", "\"bytes\":-5"),
                V2_IPFIX.replace("\"src_addr\":\"198.51.100.7\"", "\"src_addr\":\"999.1.2.3\""),
                "",
                V1_NETFLOW9.replace("\"Proto\":6", "\"Proto\":true"),
                V1_NETFLOW9);

        assertThat(result.flows()).hasSize(2);
        ReadErrors errors = result.errors();
        assertThat(errors.count()).isEqualTo(5);
        assertThat(errors.skippedByKind()).isEmpty();
        assertThat(errors.examples()).extracting(ReadErrors.Malformed::line).containsExactly(2L, 3L, 4L, 5L, 7L);
        assertThat(errors.examples().get(0).reason()).startsWith("invalid JSON: ");
        assertThat(errors.examples()).extracting(ReadErrors.Malformed::reason).element(1)
                .isEqualTo("field bytes: not a whole number: 'lots'");
        assertThat(errors.examples().get(2).reason()).isEqualTo("field bytes: negative count -5");
        assertThat(errors.examples().get(3).reason()).isEqualTo("unparseable srcAddr: '999.1.2.3'");
        assertThat(errors.examples().get(4).reason()).isEqualTo("field Proto: expected a protocol number or name, found BOOLEAN");
        assertThat(errors.examples().get(0).source()).isEqualTo("test.json");
    }

    @Test
    void countersThatOverflowWhenScaledAreMalformed() {
        ExporterReads.Result result = read(FORMAT, V2_IPFIX.replace("\"bytes\":1500", "\"bytes\":9000000000000000000"));

        assertThat(result.flows()).isEmpty();
        assertThat(result.errors().examples().get(0).reason())
                .isEqualTo("counters overflow when scaled by sampling rate 512: packets 3, bytes 9000000000000000000");
    }

    @Test
    void garbageOfEveryJsonTypeOnlyEverGivesMalformedRows() {
        Map<String, Set<String>> v2 = MapperFuzz.assertOnlyMalformedRows(Goflow2Mapper.INSTANCE, V2_IPFIX);
        Map<String, Set<String>> v1 = MapperFuzz.assertOnlyMalformedRows(Goflow2Mapper.INSTANCE, V1_NETFLOW9);
        MapperFuzz.assertOnlyMalformedRows(Goflow2Mapper.INSTANCE, V1_CLOUDFLARE);

        for (String field : List.of("bytes", "packets", "sampling_rate", "src_port", "tcp_flags", "ip_ttl", "time_flow_start_ns")) {
            assertThat(v2.get(field)).as(field).containsAll(MapperFuzz.NOT_NUMBERS).contains("-1");
        }
        assertThat(v1.get("Bytes")).containsAll(MapperFuzz.NOT_NUMBERS).contains("-1", "missing");
        assertThat(v2.get("bytes")).contains("missing");
        assertThat(v2.get("proto")).contains("true", "[]", "{}", "-1", "256", "1.5");
        assertThat(v2.get("src_addr")).contains("true", "\"abc\"", "\"fe80::1%\"", "1");
        assertThat(v2.get("time_flow_start_ns")).contains("\"2024-13-45T99:99:99Z\"", "\"+999999999-12-31T23:59:59Z\"");
        // Fields the mapper does not read accept anything.
        assertThat(v2.get("sequence_num")).isEmpty();
        assertThat(v2.get("in_if")).isEmpty();
    }
}
