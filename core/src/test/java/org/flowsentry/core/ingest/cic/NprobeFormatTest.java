package org.flowsentry.core.ingest.cic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowsentry.core.ingest.cic.Samples.csv;
import static org.flowsentry.core.ingest.cic.Samples.read;
import static org.flowsentry.core.ingest.cic.Samples.row;
import static org.flowsentry.core.ingest.cic.Samples.values;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

/** NF-* datasets (nProbe NetFlow v9 field names), releases v1, v2 and v3, with their real headers. */
class NprobeFormatTest {
    private static final NprobeFormat FORMAT = NprobeFormat.INSTANCE;

    static final String V1 = "IPV4_SRC_ADDR,L4_SRC_PORT,IPV4_DST_ADDR,L4_DST_PORT,PROTOCOL,L7_PROTO,IN_BYTES,"
            + "OUT_BYTES,IN_PKTS,OUT_PKTS,TCP_FLAGS,FLOW_DURATION_MILLISECONDS,Label,Attack";
    static final String V2 = "IPV4_SRC_ADDR,L4_SRC_PORT,IPV4_DST_ADDR,L4_DST_PORT,PROTOCOL,L7_PROTO,IN_BYTES,IN_PKTS,"
            + "OUT_BYTES,OUT_PKTS,TCP_FLAGS,CLIENT_TCP_FLAGS,SERVER_TCP_FLAGS,FLOW_DURATION_MILLISECONDS,DURATION_IN,"
            + "DURATION_OUT,MIN_TTL,MAX_TTL,LONGEST_FLOW_PKT,SHORTEST_FLOW_PKT,MIN_IP_PKT_LEN,MAX_IP_PKT_LEN,"
            + "SRC_TO_DST_SECOND_BYTES,DST_TO_SRC_SECOND_BYTES,RETRANSMITTED_IN_BYTES,RETRANSMITTED_IN_PKTS,"
            + "RETRANSMITTED_OUT_BYTES,RETRANSMITTED_OUT_PKTS,SRC_TO_DST_AVG_THROUGHPUT,DST_TO_SRC_AVG_THROUGHPUT,"
            + "NUM_PKTS_UP_TO_128_BYTES,NUM_PKTS_128_TO_256_BYTES,NUM_PKTS_256_TO_512_BYTES,"
            + "NUM_PKTS_512_TO_1024_BYTES,NUM_PKTS_1024_TO_1514_BYTES,TCP_WIN_MAX_IN,TCP_WIN_MAX_OUT,ICMP_TYPE,"
            + "ICMP_IPV4_TYPE,DNS_QUERY_ID,DNS_QUERY_TYPE,DNS_TTL_ANSWER,FTP_COMMAND_RET_CODE,Label,Attack";
    static final String V3 = "FLOW_START_MILLISECONDS,FLOW_END_MILLISECONDS,IPV4_SRC_ADDR,L4_SRC_PORT,IPV4_DST_ADDR,"
            + "L4_DST_PORT,PROTOCOL,L7_PROTO,IN_BYTES,IN_PKTS,OUT_BYTES,OUT_PKTS,TCP_FLAGS,CLIENT_TCP_FLAGS,"
            + "SERVER_TCP_FLAGS,FLOW_DURATION_MILLISECONDS,DURATION_IN,DURATION_OUT,MIN_TTL,MAX_TTL,LONGEST_FLOW_PKT,"
            + "SHORTEST_FLOW_PKT,MIN_IP_PKT_LEN,MAX_IP_PKT_LEN,SRC_TO_DST_SECOND_BYTES,DST_TO_SRC_SECOND_BYTES,"
            + "RETRANSMITTED_IN_BYTES,RETRANSMITTED_IN_PKTS,RETRANSMITTED_OUT_BYTES,RETRANSMITTED_OUT_PKTS,"
            + "SRC_TO_DST_AVG_THROUGHPUT,DST_TO_SRC_AVG_THROUGHPUT,NUM_PKTS_UP_TO_128_BYTES,NUM_PKTS_128_TO_256_BYTES,"
            + "NUM_PKTS_256_TO_512_BYTES,NUM_PKTS_512_TO_1024_BYTES,NUM_PKTS_1024_TO_1514_BYTES,TCP_WIN_MAX_IN,"
            + "TCP_WIN_MAX_OUT,ICMP_TYPE,ICMP_IPV4_TYPE,DNS_QUERY_ID,DNS_QUERY_TYPE,DNS_TTL_ANSWER,"
            + "FTP_COMMAND_RET_CODE,SRC_TO_DST_IAT_MIN,SRC_TO_DST_IAT_MAX,SRC_TO_DST_IAT_AVG,SRC_TO_DST_IAT_STDDEV,"
            + "DST_TO_SRC_IAT_MIN,DST_TO_SRC_IAT_MAX,DST_TO_SRC_IAT_AVG,DST_TO_SRC_IAT_STDDEV,Label,Attack";
    /** A published NF-CSE-CIC-IDS2018-v3 flow. */
    static final String V3_SSH = "1518633543480,1518633543849,13.58.98.64,36526,172.31.69.25,22,6,92,3148,23,3869,23,"
            + "27,27,27,369,368,368,63,63,1028,52,52,1028,10,8,0,0,0,0,68064,83654,35,7,1,2,1,26883,26847,0,0,0,0,0,0,"
            + "0,95,16,29,0,132,16,35,1,SSH-Bruteforce";

    @Test
    void detectsAllThreeReleases() {
        assertThat(Samples.detect(csv(V1))).isEqualTo("nprobe");
        assertThat(Samples.detect(csv(V2))).isEqualTo("nprobe");
        assertThat(Samples.detect(csv(V3, V3_SSH))).isEqualTo("nprobe");
    }

    @Test
    void v1MapsCountersDurationFlagsAndLabels() throws Exception {
        ReadErrors errors = ReadErrors.unlimited();
        List<FlowRecord> flows = read(FORMAT, csv(V1,
                "149.171.126.0,62073,59.166.0.5,56082,6,0.0,9672,416,11,8,25,15,0,Benign",
                "192.168.1.31,42062,192.168.1.79,1041,6,7.178,44,40,1,1,22,0,1,scanning",
                "175.45.176.1,0,149.171.126.16,0,1,0,1000,0,10,0,0,50,1,Reconnaissance"), errors);
        assertThat(errors.count()).isZero();
        FlowRecord benign = flows.get(0);
        assertThat(benign.getSrcAddr()).isEqualTo("149.171.126.0");
        assertThat(benign.getSrcPort()).isEqualTo(62073);
        assertThat(benign.getDstAddr()).isEqualTo("59.166.0.5");
        assertThat(benign.getDstPort()).isEqualTo(56082);
        assertThat(benign.getProtocol()).isEqualTo(Protocols.TCP);
        assertThat(benign.getSrcBytes()).isEqualTo(9672L); // IN = client to server = src
        assertThat(benign.getDstBytes()).isEqualTo(416L);
        assertThat(benign.getSrcPackets()).isEqualTo(11L);
        assertThat(benign.getDstPackets()).isEqualTo(8L);
        assertThat(benign.getTcpFlags()).isEqualTo(25);
        assertThat(benign.getDurationUs()).isEqualTo(15_000L);
        assertThat(benign.getStartMs()).isNull();
        assertThat(benign.getEndMs()).isNull();
        assertThat(benign.getService()).isEqualTo("0");
        assertThat(benign.getFeatures()).isEmpty();
        assertThat(benign.getLabel()).isEqualTo(Labels.BENIGN);
        assertThat(benign.getAttackCategory()).isNull();

        FlowRecord scan = flows.get(1);
        assertThat(scan.getService()).isEqualTo("7.178");
        assertThat(scan.getLabel()).isEqualTo("scanning");
        assertThat(scan.getAttackCategory()).isEqualTo("scanning");

        FlowRecord icmp = flows.get(2);
        assertThat(icmp.getProtocol()).isEqualTo(Protocols.ICMP);
        assertThat(icmp.getSrcPort()).isNull();
        assertThat(icmp.getDstPort()).isNull();
        assertThat(icmp.getTcpFlags()).isNull();
        assertThat(icmp.getLabel()).isEqualTo("Reconnaissance");
    }

    @Test
    void v2KeepsTheExtraColumnsAsFeaturesAndSplitsIcmpType() throws Exception {
        String icmp = row(V2, values("IPV4_SRC_ADDR", "192.168.100.147", "IPV4_DST_ADDR", "192.168.100.3",
                "PROTOCOL", "1", "L7_PROTO", "81.0", "IN_BYTES", "84", "IN_PKTS", "1", "OUT_BYTES", "84",
                "OUT_PKTS", "1", "FLOW_DURATION_MILLISECONDS", "4294", "MIN_TTL", "64", "MAX_TTL", "64",
                "ICMP_TYPE", "2048", "ICMP_IPV4_TYPE", "8", "Label", "1", "Attack", "DDoS"));
        ReadErrors errors = ReadErrors.unlimited();
        FlowRecord f = read(FORMAT, csv(V2, icmp), errors).get(0);
        assertThat(errors.count()).isZero();
        assertThat(f.getProtocol()).isEqualTo(Protocols.ICMP);
        assertThat(f.getIcmpType()).isEqualTo(8);
        assertThat(f.getIcmpCode()).isZero();
        assertThat(f.getService()).isEqualTo("81");
        assertThat(f.getDurationUs()).isEqualTo(4_294_000L);
        assertThat(f.getLabel()).isEqualTo("DDoS");
        assertThat(f.getAttackCategory()).isEqualTo("DDoS");
        assertThat(f.getFeatures()).hasSize(30)
                .containsEntry("MIN_TTL", 64.0)
                .containsEntry("ICMP_IPV4_TYPE", 8.0)
                .containsEntry("CLIENT_TCP_FLAGS", 0.0)
                .doesNotContainKeys("ICMP_TYPE", "IN_BYTES", "L7_PROTO", "Label", "Attack");
    }

    @Test
    void v3HasStartAndEndTimes() throws Exception {
        ReadErrors errors = ReadErrors.unlimited();
        FlowRecord f = read(FORMAT, csv(V3, V3_SSH), errors).get(0);
        assertThat(errors.count()).isZero();
        assertThat(f.getStartMs()).isEqualTo(1518633543480L);
        assertThat(f.getEndMs()).isEqualTo(1518633543849L);
        assertThat(f.getDurationUs()).isEqualTo(369_000L);
        assertThat(f.getSrcAddr()).isEqualTo("13.58.98.64");
        assertThat(f.getSrcPort()).isEqualTo(36526);
        assertThat(f.getDstAddr()).isEqualTo("172.31.69.25");
        assertThat(f.getDstPort()).isEqualTo(22);
        assertThat(f.getProtocol()).isEqualTo(Protocols.TCP);
        assertThat(f.getService()).isEqualTo("92");
        assertThat(f.getSrcBytes()).isEqualTo(3148L);
        assertThat(f.getSrcPackets()).isEqualTo(23L);
        assertThat(f.getDstBytes()).isEqualTo(3869L);
        assertThat(f.getDstPackets()).isEqualTo(23L);
        assertThat(f.getTcpFlags()).isEqualTo(27);
        assertThat(f.getIcmpType()).isNull();
        assertThat(f.getLabel()).isEqualTo("SSH-Bruteforce");
        assertThat(f.getAttackCategory()).isEqualTo("SSH-Bruteforce");
        assertThat(f.getFeatures()).hasSize(38)
                .containsEntry("SRC_TO_DST_AVG_THROUGHPUT", 68064.0)
                .containsEntry("TCP_WIN_MAX_IN", 26883.0)
                .containsEntry("DST_TO_SRC_IAT_STDDEV", 35.0);
    }

    @Test
    void featureKeysAreTheColumnNamesInEveryRelease() throws Exception {
        Set<String> v2 = keys(V2);
        Set<String> v3 = keys(V3);
        Set<String> onlyV3 = new TreeSet<>(v3);
        onlyV3.removeAll(v2);
        assertThat(v3).containsAll(v2);
        assertThat(onlyV3).containsExactly("DST_TO_SRC_IAT_AVG", "DST_TO_SRC_IAT_MAX", "DST_TO_SRC_IAT_MIN",
                "DST_TO_SRC_IAT_STDDEV", "SRC_TO_DST_IAT_AVG", "SRC_TO_DST_IAT_MAX", "SRC_TO_DST_IAT_MIN",
                "SRC_TO_DST_IAT_STDDEV");
    }

    private static Set<String> keys(String header) throws Exception {
        String r = row(header, values("IPV4_SRC_ADDR", "10.0.0.1", "IPV4_DST_ADDR", "10.0.0.2", "PROTOCOL", "6"));
        return new TreeSet<>(read(FORMAT, csv(header, r), ReadErrors.unlimited()).get(0).getFeatures().keySet());
    }

    @Test
    void reportsBadRowsWithLineAndReason() throws Exception {
        ReadErrors errors = ReadErrors.unlimited();
        List<FlowRecord> flows = read(FORMAT, csv(V1,
                "149.171.126.0,62073,59.166.0.5,56082,6,0.0,x,416,11,8,25,15,0,Benign",
                "149.171.126.0,62073,59.166.0.5,56082,6,0.0,9672,416,11,8,25,15,0,Benign",
                "149.171.126.0,62073,59.166.0,56082,6,0.0,9672,416,11,8,25,15,0,Benign",
                "149.171.126.0,62073,59.166.0.5,56082,6,0.0,9672,416,11,8,25,15,0"), errors);
        assertThat(flows).hasSize(1);
        assertThat(errors.examples()).extracting(e -> e.line() + ": " + e.reason()).containsExactly(
                "2: column 'IN_BYTES': not a number: 'x'",
                "4: unparseable dstAddr: '59.166.0'",
                "5: expected 14 fields, found 13");
    }

    @Test
    void reportsAnEndBeforeTheStart() throws Exception {
        ReadErrors errors = ReadErrors.unlimited();
        String backwards = V3_SSH.replaceFirst("^1518633543480,1518633543849", "1518633543849,1518633543480");
        assertThat(read(FORMAT, csv(V3, backwards), errors)).isEmpty();
        assertThat(errors.examples()).extracting(e -> e.line() + ": " + e.reason())
                .containsExactly("2: endMs 1518633543480 before startMs 1518633543849");
    }
}
