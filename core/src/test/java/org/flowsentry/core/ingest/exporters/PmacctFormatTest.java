package org.flowsentry.core.ingest.exporters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowsentry.core.ingest.exporters.ExporterReads.read;
import static org.flowsentry.core.ingest.exporters.ExporterReads.readOne;
import static org.flowsentry.core.ingest.exporters.ExporterReads.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.flow.TcpFlags;
import org.flowsentry.core.ingest.FlowFormats;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.ingest.json.JsonLinesFlowReader;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

/**
 * The pmacct lines below marked "real" were written by pmacctd 1.7.7 (Debian package) reading the
 * shared captures pcap/malicious-ssh-bruteforce.pcap and pcap/test12-icmp-portscan.pcap with the
 * print plugin and {@code print_output: json}.
 */
class PmacctFormatTest {
    private static final PmacctFormat FORMAT = PmacctFormat.INSTANCE;

    /** The record quoted in the design notes (pmacctd on this machine): default text timestamps. */
    static final String PURGE_TEXT_TIMES = "{\"event_type\": \"purge\", \"ip_src\": \"192.168.1.10\", \"ip_dst\": \"10.0.0.5\","
            + " \"port_src\": 51334, \"port_dst\": 902, \"tcp_flags\": \"2\", \"ip_proto\": \"tcp\","
            + " \"timestamp_start\": \"2026-03-22 22:47:16.918162\", \"timestamp_end\": \"2026-03-22 22:47:16.918162\","
            + " \"packets\": 1, \"bytes\": 44}";

    /** Real: L2 primitives, tos, arrival time, end time written as zeros. */
    static final String PURGE_ICMP_L2 = "{\"event_type\": \"purge\", \"mac_src\": \"50:ed:3c:39:bc:d9\","
            + " \"mac_dst\": \"68:ff:7b:dc:a2:17\", \"etype\": \"800\", \"ip_src\": \"192.168.1.109\","
            + " \"ip_dst\": \"192.168.1.1\", \"port_src\": 0, \"port_dst\": 0, \"tcp_flags\": \"0\", \"ip_proto\": \"icmp\","
            + " \"tos\": 0, \"timestamp_start\": \"2022-09-24 21:23:16.398593\","
            + " \"timestamp_end\": \"0000-00-00 00:00:00.000000\", \"timestamp_arrival\": \"2022-09-24 21:23:16.398593\","
            + " \"packets\": 1, \"bytes\": 28}";

    /** Real: timestamps_since_epoch: true, print_history: 5m (stamp_inserted/updated), flows. */
    static final String PURGE_EPOCH = "{\"event_type\": \"purge\", \"ip_src\": \"147.32.80.40\", \"ip_dst\": \"147.32.80.37\","
            + " \"port_src\": 36679, \"port_dst\": 902, \"tcp_flags\": \"2\", \"ip_proto\": \"tcp\", \"tos\": 0,"
            + " \"timestamp_start\": \"1774219636.918162\", \"timestamp_end\": \"0.000000\", \"stamp_inserted\": \"1774219380\","
            + " \"stamp_updated\": \"1795301025\", \"flows\": 1, \"packets\": 1, \"bytes\": 44}";

    /** Real: timestamps_rfc3339: true, with the print_markers around one purge. */
    static final String MARKER_INIT = "{\"event_type\": \"purge_init\", \"writer_id\": \"default_print/6967\"}";
    static final String PURGE_RFC3339_SYN = "{\"event_type\": \"purge\", \"ip_src\": \"147.32.80.40\", \"ip_dst\": \"147.32.80.37\","
            + " \"port_src\": 36679, \"port_dst\": 902, \"tcp_flags\": \"2\", \"ip_proto\": \"tcp\","
            + " \"timestamp_start\": \"2026-03-22T22:47:16.918162Z\", \"timestamp_end\": \"0000-00-00T00:00:00.000000Z\","
            + " \"packets\": 1, \"bytes\": 44}";
    static final String PURGE_RFC3339_SYNACK = "{\"event_type\": \"purge\", \"ip_src\": \"147.32.80.37\", \"ip_dst\": \"147.32.80.40\","
            + " \"port_src\": 902, \"port_dst\": 36679, \"tcp_flags\": \"18\", \"ip_proto\": \"tcp\","
            + " \"timestamp_start\": \"2026-03-22T22:47:16.918225Z\", \"timestamp_end\": \"0000-00-00T00:00:00.000000Z\","
            + " \"packets\": 1, \"bytes\": 44}";
    static final String MARKER_CLOSE = "{\"event_type\": \"purge_close\", \"writer_id\": \"default_print/6967\","
            + " \"purged_entries\": 1178, \"total_entries\": 1178, \"duration\": 0}";

    /** nfacctd-style: exporter, sampling, IPv6, numbers as text, flow with a duration, nDPI class. */
    static final String PURGE_NFACCTD = "{\"event_type\":\"purge\",\"peer_ip_src\":\"192.0.2.1\",\"iface_in\":3,"
            + "\"ip_src\":\"2001:db8::1\",\"ip_dst\":\"2001:db8::2\",\"port_src\":53211,\"port_dst\":443,"
            + "\"tcp_flags\":\"27\",\"ip_proto\":\"6\",\"tos\":32,\"sampling_rate\":100,\"class\":\"TLS/Google\","
            + "\"timestamp_start\":\"2026-03-22 22:47:16.500000\",\"timestamp_end\":\"2026-03-22 22:47:18.750250\","
            + "\"flows\":\"2\",\"packets\":\"3\",\"bytes\":\"180\"}";

    private static final long START_2026_MS = 1774219636918L; // 2026-03-22T22:47:16.918Z

    @Test
    void textTimestampsAreUtcAndEveryFieldIsMapped() {
        FlowRecord r = readOne(FORMAT, PURGE_TEXT_TIMES);

        assertThat(r.getSrcAddr()).isEqualTo("192.168.1.10");
        assertThat(r.getDstAddr()).isEqualTo("10.0.0.5");
        assertThat(r.getSrcPort()).isEqualTo(51334);
        assertThat(r.getDstPort()).isEqualTo(902);
        assertThat(r.getProtocol()).isEqualTo(Protocols.TCP);
        assertThat(r.getTcpFlags()).isEqualTo(TcpFlags.SYN);
        assertThat(r.getSrcPackets()).isEqualTo(1L);
        assertThat(r.getSrcBytes()).isEqualTo(44L);
        assertThat(r.getDstPackets()).isZero();
        assertThat(r.getDstBytes()).isZero();
        assertThat(r.getSamplingRate()).isEqualTo(1L);
        assertThat(r.getStartMs()).isEqualTo(START_2026_MS);
        assertThat(r.getEndMs()).isEqualTo(START_2026_MS);
        assertThat(r.getDurationUs()).isZero();
        assertThat(r.getExporter()).isNull();
        assertThat(r.getIcmpType()).isNull();
        assertThat(r.getFeatures()).isNull();
        assertThat(r.getLabel()).isNull();
        assertThat(r.getService()).isNull();
    }

    @Test
    void icmpRecordWithZeroEndTimeIsASinglePacketWithoutPorts() {
        FlowRecord r = readOne(FORMAT, PURGE_ICMP_L2);

        assertThat(r.getProtocol()).isEqualTo(Protocols.ICMP);
        assertThat(r.getSrcAddr()).isEqualTo("192.168.1.109");
        assertThat(r.getDstAddr()).isEqualTo("192.168.1.1");
        assertThat(r.getSrcPort()).isNull();
        assertThat(r.getDstPort()).isNull();
        assertThat(r.getIcmpType()).as("pmacctd writes port_dst 0 whatever the ICMP type").isNull();
        assertThat(r.getIcmpCode()).isNull();
        assertThat(r.getTcpFlags()).isNull();
        assertThat(r.getStartMs()).isEqualTo(1664054596398L);
        assertThat(r.getEndMs()).isEqualTo(1664054596398L);
        assertThat(r.getDurationUs()).isZero();
        assertThat(r.getSrcPackets()).isEqualTo(1L);
        assertThat(r.getSrcBytes()).isEqualTo(28L);
        assertThat(r.getFeatures()).isEqualTo(Map.of("ip_tos", 0.0));
    }

    @Test
    void epochTimestampsWithTimeBinsAndFlows() {
        FlowRecord r = readOne(FORMAT, PURGE_EPOCH);

        assertThat(r.getStartMs()).isEqualTo(START_2026_MS);
        assertThat(r.getEndMs()).isEqualTo(START_2026_MS);
        assertThat(r.getDurationUs()).isZero();
        assertThat(r.getProtocol()).isEqualTo(Protocols.TCP);
        assertThat(r.getTcpFlags()).isEqualTo(TcpFlags.SYN);
        assertThat(r.getSrcPort()).isEqualTo(36679);
        assertThat(r.getDstPort()).isEqualTo(902);
        assertThat(r.getSrcPackets()).isEqualTo(1L);
        assertThat(r.getSrcBytes()).isEqualTo(44L);
        assertThat(r.getFeatures()).isEqualTo(Map.of("ip_tos", 0.0, "flows", 1.0));
    }

    @Test
    void epochTimestampsAsJsonNumbersKeepMicroseconds() {
        FlowRecord r = readOne(FORMAT, PURGE_EPOCH.replace("\"timestamp_start\": \"1774219636.918162\"",
                "\"timestamp_start\": 1774219636.918162").replace("\"timestamp_end\": \"0.000000\"",
                "\"timestamp_end\": 1774219638.000001"));

        assertThat(r.getStartMs()).isEqualTo(START_2026_MS);
        assertThat(r.getEndMs()).isEqualTo(1774219638000L);
        assertThat(r.getDurationUs()).isEqualTo(1_081_839L);
    }

    @Test
    void timeBinIsTheEventTimeWhenThereAreNoFlowTimes() {
        FlowRecord r = readOne(FORMAT, "{\"event_type\":\"purge\",\"ip_src\":\"10.0.0.1\",\"ip_dst\":\"10.0.0.2\","
                + "\"ip_proto\":\"udp\",\"port_src\":5353,\"port_dst\":5353,\"stamp_inserted\":\"2026-03-22 22:45:00\","
                + "\"stamp_updated\":\"2026-03-22 22:50:01\",\"packets\":10,\"bytes\":1000}");

        assertThat(r.getStartMs()).isEqualTo(1774219500000L);
        assertThat(r.getEndMs()).isEqualTo(1774219500000L);
        assertThat(r.getProtocol()).isEqualTo(Protocols.UDP);
        assertThat(r.getSrcPort()).isEqualTo(5353);
    }

    @Test
    void nfacctdRecordWithSamplingExporterDurationAndNumbersAsText() {
        FlowRecord r = readOne(FORMAT, PURGE_NFACCTD);

        assertThat(r.getSrcAddr()).isEqualTo("2001:db8::1");
        assertThat(r.getDstAddr()).isEqualTo("2001:db8::2");
        assertThat(r.getProtocol()).isEqualTo(Protocols.TCP);
        assertThat(r.getSrcPort()).isEqualTo(53211);
        assertThat(r.getDstPort()).isEqualTo(443);
        assertThat(r.getTcpFlags()).isEqualTo(27);
        assertThat(r.getSrcPackets()).isEqualTo(300L);
        assertThat(r.getSrcBytes()).isEqualTo(18_000L);
        assertThat(r.getSamplingRate()).isEqualTo(100L);
        assertThat(r.getStartMs()).isEqualTo(1774219636500L);
        assertThat(r.getEndMs()).isEqualTo(1774219638750L);
        assertThat(r.getDurationUs()).isEqualTo(2_250_250L);
        assertThat(r.getExporter()).isEqualTo("192.0.2.1");
        assertThat(r.getService()).isEqualTo("TLS/Google");
        assertThat(r.getFeatures()).isEqualTo(Map.of("ip_tos", 32.0, "flows", 2.0));
    }

    @Test
    void rfc3339WithOffsetAndOlderPeerFieldName() {
        FlowRecord r = readOne(FORMAT, PURGE_RFC3339_SYN.replace("2026-03-22T22:47:16.918162Z", "2026-03-22T23:47:16.918162+01:00")
                .replace("\"event_type\": \"purge\",", "\"event_type\": \"purge\", \"peer_src_ip\": \"198.51.100.1\","));

        assertThat(r.getStartMs()).isEqualTo(START_2026_MS);
        assertThat(r.getExporter()).isEqualTo("198.51.100.1");
    }

    @Test
    void netflowV5IcmpTypeAndCodeComeFromTheDestinationPort() {
        FlowRecord r = readOne(FORMAT, "{\"event_type\":\"purge\",\"peer_ip_src\":\"192.0.2.1\",\"ip_src\":\"10.1.1.1\","
                + "\"ip_dst\":\"10.2.2.2\",\"port_src\":0,\"port_dst\":771,\"ip_proto\":\"1\",\"tcp_flags\":\"0\","
                + "\"timestamp_arrival\":\"2026-03-22 22:47:20.000000\",\"packets\":2,\"bytes\":112}");

        assertThat(r.getProtocol()).isEqualTo(Protocols.ICMP);
        assertThat(r.getIcmpType()).isEqualTo(3);
        assertThat(r.getIcmpCode()).isEqualTo(3);
        assertThat(r.getSrcPort()).isNull();
        assertThat(r.getDstPort()).isNull();
        assertThat(r.getStartMs()).isEqualTo(1774219640000L);
        assertThat(r.getEndMs()).isEqualTo(1774219640000L);
    }

    @Test
    void pmacctProtocolNamesUseItsOwnTable() {
        assertThat(PmacctMapper.protocolNumber("ipv6-icmp")).isEqualTo(58);
        assertThat(PmacctMapper.protocolNumber("ipip")).isEqualTo(94);
        assertThat(PmacctMapper.protocolNumber("ipencap")).isEqualTo(4);
        assertThat(PmacctMapper.protocolNumber("IPcomp")).isEqualTo(108);
        assertThat(PmacctMapper.protocolNumber("ip")).isZero();
        assertThat(PmacctMapper.protocolNumber("no-such-protocol")).isEqualTo(Protocols.UNKNOWN);
    }

    @Test
    void arpRecordIsANonIpFlowBetweenMacAddresses() {
        FlowRecord r = readOne(FORMAT, "{\"event_type\":\"purge\",\"mac_src\":\"50:ed:3c:39:bc:d9\",\"mac_dst\":\"ff:ff:ff:ff:ff:ff\","
                + "\"etype\":\"806\",\"ip_src\":\"0.0.0.0\",\"ip_dst\":\"0.0.0.0\",\"ip_proto\":\"ip\",\"packets\":1,\"bytes\":42}");

        assertThat(r.getProtocol()).isEqualTo(Protocols.UNKNOWN);
        assertThat(r.getSrcAddr()).isEqualTo("50:ed:3c:39:bc:d9");
        assertThat(r.getDstAddr()).isEqualTo("ff:ff:ff:ff:ff:ff");
        assertThat(r.getStartMs()).isNull();
    }

    @Test
    void markersAreCountedAsSkippedNotAsFlowsOrErrors() {
        ExporterReads.Result result = read(FORMAT, MARKER_INIT, PURGE_RFC3339_SYN, PURGE_RFC3339_SYNACK, MARKER_CLOSE,
                "{\"event_type\": \"purge_init\", \"writer_id\": \"default_print/6968\"}");

        assertThat(result.flows()).hasSize(2);
        assertThat(result.flows()).extracting(FlowRecord::getTcpFlags).containsExactly(TcpFlags.SYN, TcpFlags.SYN | TcpFlags.ACK);
        assertThat(result.flows().get(1).getStartMs()).isEqualTo(START_2026_MS);
        assertThat(result.flows().get(1).getSrcPort()).isEqualTo(902);
        assertThat(result.errors().count()).isZero();
        assertThat(result.errors().skippedByKind()).isEqualTo(Map.of("pmacct purge_init", 2L, "pmacct purge_close", 1L));
    }

    @Test
    void theMapperAloneReturnsNullForMarkersAsTheStreamingJobSeesThem() throws Exception {
        assertThat(JsonLinesFlowReader.parse(MARKER_CLOSE, PmacctMapper.INSTANCE)).isNull();
        assertThat(PmacctMapper.INSTANCE.map(new ObjectMapper().readTree("{\"event_type\":\"log_init\"}"))).isNull();
        assertThat(JsonLinesFlowReader.parse(PURGE_TEXT_TIMES, FORMAT.mapper()).getSrcBytes()).isEqualTo(44L);
    }

    @Test
    void detectsFlowsAndMarkerFirstFilesButNotOtherJson() {
        assertThat(FORMAT.matches(sample(PURGE_TEXT_TIMES))).isTrue();
        assertThat(FORMAT.matches(sample(MARKER_INIT, PURGE_RFC3339_SYN))).isTrue();
        assertThat(FlowFormats.detect(sample(MARKER_INIT, PURGE_RFC3339_SYN))).contains(FORMAT);
        assertThat(FlowFormats.detect(sample("", PURGE_EPOCH))).contains(FORMAT);

        assertThat(FORMAT.matches(sample(Goflow2FormatTest.V2_IPFIX))).isFalse();
        assertThat(FORMAT.matches(sample("{\"event_type\":\"alert\",\"src_ip\":\"10.0.0.1\"}"))).isFalse();
        assertThat(FORMAT.matches(sample("event_type,ip_src,ip_dst"))).isFalse();
    }

    @Test
    void malformedLinesAreReportedWithLineNumberAndReasonAndSkipped() {
        ExporterReads.Result result = read(FORMAT,
                MARKER_INIT,
                "{\"event_type\": \"purge\", \"ip_src\": ",
                PURGE_TEXT_TIMES.replace("\"packets\": 1", "\"packets\": \"one\""),
                PURGE_TEXT_TIMES.replace("\"bytes\": 44", "\"bytes\": -44"),
                PURGE_TEXT_TIMES.replace("\"ip_dst\": \"10.0.0.5\"", "\"ip_dst\": \"10.0.0.5.6\""),
                PURGE_TEXT_TIMES.replace("2026-03-22 22:47:16.918162\", \"timestamp_end", "22/03/2026 22:47\", \"timestamp_end"),
                PURGE_TEXT_TIMES.replace("\"tcp_flags\": \"2\"", "\"tcp_flags\": \"SYN\""),
                PURGE_TEXT_TIMES,
                MARKER_CLOSE);

        assertThat(result.flows()).hasSize(1);
        ReadErrors errors = result.errors();
        assertThat(errors.count()).isEqualTo(6);
        assertThat(errors.skippedByKind()).isEqualTo(Map.of("pmacct purge_init", 1L, "pmacct purge_close", 1L));
        assertThat(errors.examples()).extracting(ReadErrors.Malformed::line).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(errors.examples().get(0).reason()).startsWith("invalid JSON: ");
        assertThat(errors.examples().get(1).reason()).isEqualTo("field packets: not a whole number: 'one'");
        assertThat(errors.examples().get(2).reason()).isEqualTo("field bytes: negative count -44");
        assertThat(errors.examples().get(3).reason()).isEqualTo("unparseable dstAddr: '10.0.0.5.6'");
        assertThat(errors.examples().get(4).reason()).isEqualTo("field timestamp_start: not a timestamp: '22/03/2026 22:47'");
    }

    @Test
    void flowEndingBeforeItStartsIsMalformed() {
        ExporterReads.Result result = read(FORMAT, PURGE_NFACCTD.replace("22:47:18.750250", "22:47:15.000000"));

        assertThat(result.flows()).isEmpty();
        assertThat(result.errors().examples().get(0).reason()).isEqualTo("endMs 1774219635000 before startMs 1774219636500");
    }

    @Test
    void garbageOfEveryJsonTypeOnlyEverGivesMalformedRows() {
        Map<String, Set<String>> nf = MapperFuzz.assertOnlyMalformedRows(PmacctMapper.INSTANCE, PURGE_NFACCTD);
        Map<String, Set<String>> l2 = MapperFuzz.assertOnlyMalformedRows(PmacctMapper.INSTANCE, PURGE_ICMP_L2);
        Map<String, Set<String>> epoch = MapperFuzz.assertOnlyMalformedRows(PmacctMapper.INSTANCE, PURGE_EPOCH);

        for (String field : List.of("bytes", "packets", "sampling_rate", "port_src", "tcp_flags", "tos", "flows")) {
            assertThat(nf.get(field)).as(field).containsAll(MapperFuzz.NOT_NUMBERS).contains("-1");
        }
        assertThat(nf.get("bytes")).contains("missing");
        assertThat(nf.get("ip_proto")).contains("true", "[]", "{}", "-1", "256", "1.5");
        assertThat(nf.get("event_type")).contains("true", "[]", "{}", "1");
        assertThat(nf.get("timestamp_start")).contains("true", "[]", "{}", "\"abc\"", "-1", "1e400",
                "\"99999999999999999999999\"", "\"2024-13-45T99:99:99Z\"", "\"+999999999-12-31T23:59:59Z\"");
        assertThat(epoch.get("stamp_updated")).contains("true", "\"abc\"");
        assertThat(l2.get("etype")).contains("true", "1", "\"T\"", "\"0x10\"");
        // "purge_init" as event_type is a marker (null), not an error; unread fields accept anything.
        assertThat(nf.get("event_type")).doesNotContain("\"purge_init\"");
        assertThat(nf.get("iface_in")).isEmpty();
    }
}
