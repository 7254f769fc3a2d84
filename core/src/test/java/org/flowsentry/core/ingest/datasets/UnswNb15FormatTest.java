package org.flowsentry.core.ingest.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.util.Map;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.ingest.FlowFiles;
import org.flowsentry.core.ingest.FlowFormats;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.testing.SharedData;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class UnswNb15FormatTest {
    static final String HEADER = "id,dur,proto,service,state,spkts,dpkts,sbytes,dbytes,rate,sttl,dttl,sload,dload,sloss,dloss,"
            + "sinpkt,dinpkt,sjit,djit,swin,stcpb,dtcpb,dwin,tcprtt,synack,ackdat,smean,dmean,trans_depth,"
            + "response_body_len,ct_srv_src,ct_state_ttl,ct_dst_ltm,ct_src_dport_ltm,ct_dst_sport_ltm,ct_dst_src_ltm,"
            + "is_ftp_login,ct_ftp_cmd,ct_flw_http_mthd,ct_src_ltm,ct_srv_dst,is_sm_ips_ports,attack_cat,label";
    // Rows 1 and 600 of UNSW_NB15_training-set.csv.
    static final String NORMAL = "1,0.000011,udp,-,INT,2,0,496,0,90909.0902,254,0,180363632,0,0,0,0.011,0,0,0,0,0,0,0,0,0,0,248,0,0,0,"
            + "2,2,1,1,1,2,0,0,0,1,2,0,Normal,0";
    static final String DOS_3PC = "600,0.000009,3pc,-,INT,2,0,200,0,111111.1072,254,0,88888888,0,0,0,0.009,0,0,0,0,0,0,0,0,0,0,100,0,0,0,"
            + "4,2,1,1,1,4,0,0,0,2,4,0,DoS,1";

    @Test
    void readsTheTrainingSetWithItsAttackCategoryDistribution() {
        DatasetReads.Result r = DatasetReads.file(SharedData.file("unsw-nb15/UNSW_NB15_training-set.csv"), "unsw-nb15");

        assertThat(r.flows()).hasSize(82_332);
        assertThat(r.errors().count()).isZero();
        assertThat(r.labels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                Labels.BENIGN, 37_000L, "Generic", 18_871L, "Exploits", 11_132L, "Fuzzers", 6_062L, "DoS", 4_089L,
                "Reconnaissance", 3_496L, "Analysis", 677L, "Backdoor", 583L, "Shellcode", 378L, "Worms", 44L));
        assertThat(r.flows()).allMatch(f -> Labels.isBenign(f.getLabel()) == (f.getAttackCategory() == null));
        // Column sums measured with awk over the file: spkts, dpkts, sbytes, dbytes.
        assertThat(r.flows().stream().mapToLong(FlowRecord::getSrcPackets).sum()).isEqualTo(1_536_848L);
        assertThat(r.flows().stream().mapToLong(FlowRecord::getDstPackets).sum()).isEqualTo(1_444_592L);
        assertThat(r.flows().stream().mapToLong(FlowRecord::getSrcBytes).sum()).isEqualTo(658_154_447L);
        assertThat(r.flows().stream().mapToLong(FlowRecord::getDstBytes).sum()).isEqualTo(1_089_564_033L);
        assertThat(r.flows()).allMatch(f -> f.getStartMs() == null && f.getSrcAddr() == null && f.getSrcPort() == null);
    }

    @Test
    void mapsTheFirstRowOfTheTrainingSetToFields() throws IOException {
        try (FlowReader reader = FlowFiles.open(SharedData.file("unsw-nb15/UNSW_NB15_training-set.csv"), null, ReadErrors.unlimited())) {
            assertFirstRow(reader.next());
        }
    }

    @Test
    void mapsColumnsToFieldsAndTheRestToFeatures() {
        FlowRecord f = DatasetReads.text(UnswNb15Format.INSTANCE, HEADER + "\r\n" + NORMAL + "\r\n").single();

        assertFirstRow(f);
    }

    private static void assertFirstRow(FlowRecord f) {
        assertThat(f.getDurationUs()).isEqualTo(11L);
        assertThat(f.getProtocol()).isEqualTo(Protocols.UDP);
        assertThat(f.getService()).isNull();
        assertThat(f.getState()).isEqualTo("INT");
        assertThat(f.getSrcPackets()).isEqualTo(2L);
        assertThat(f.getDstPackets()).isZero();
        assertThat(f.getSrcBytes()).isEqualTo(496L);
        assertThat(f.getDstBytes()).isZero();
        assertThat(f.getStartMs()).isNull();
        assertThat(f.getSrcAddr()).isNull();
        assertThat(f.getLabel()).isEqualTo(Labels.BENIGN);
        assertThat(f.getAttackCategory()).isNull();
        // 45 columns less id, the 8 mapped to fields, attack_cat and label.
        assertThat(f.getFeatures()).hasSize(34)
                .contains(entry("rate", 90909.0902), entry("sttl", 254.0), entry("sload", 180363632.0),
                        entry("smean", 248.0), entry("ct_srv_src", 2.0), entry("is_sm_ips_ports", 0.0))
                .doesNotContainKeys("id", "dur", "spkts", "sbytes", "label", "attack_cat");
    }

    @Test
    void keepsUnknownProtocolNamesAsMinusOneAndLabelsAttacksByCategory() {
        DatasetReads.Result r = DatasetReads.text(UnswNb15Format.INSTANCE, HEADER + "\n" + DOS_3PC + "\n"
                + DOS_3PC.replace(",3pc,", ",a/n,").replace(",DoS,", ", Exploits ,") + "\n");

        assertThat(r.errors().count()).isZero();
        assertThat(r.flows()).extracting(FlowRecord::getProtocol).containsExactly(-1, -1);
        assertThat(r.flows()).extracting(FlowRecord::getLabel).containsExactly("DoS", "Exploits");
        assertThat(r.flows()).extracting(FlowRecord::getAttackCategory).containsExactly("DoS", "Exploits");
    }

    @Test
    void reportsMalformedRowsWithLineAndColumnAndKeepsReading() {
        String badCount = NORMAL.replace(",Normal,0", ",Normal");
        String badPackets = NORMAL.replace(",INT,2,0,", ",INT,two,0,");
        String badLabel = NORMAL.replace(",Normal,0", ",Normal,2");
        DatasetReads.Result r = DatasetReads.text(UnswNb15Format.INSTANCE,
                HEADER + "\n" + badCount + "\n" + NORMAL + "\n" + badPackets + "\n" + badLabel + "\n" + DOS_3PC + "\n");

        assertThat(r.flows()).hasSize(2);
        assertThat(r.errors().count()).isEqualTo(3);
        assertThat(r.errors().examples()).extracting(ReadErrors.Malformed::line).containsExactly(2L, 4L, 5L);
        assertThat(r.errors().examples()).extracting(ReadErrors.Malformed::reason).containsExactly(
                "expected 45 fields, found 44",
                "column 'spkts': not a number: 'two'",
                "column 'label': expected 0 or 1, found '2'");
    }

    @Test
    void detectsItsHeaderWithOrWithoutByteOrderMarkAndNothingElse() {
        String text = HEADER + "\r\n" + NORMAL + "\r\n";
        assertThat(FlowFormats.detect(DatasetReads.sample("x.csv", text))).contains(UnswNb15Format.INSTANCE);
        assertThat(FlowFormats.detect(DatasetReads.sample("x.csv", "\uFEFF" + text))).contains(UnswNb15Format.INSTANCE);
        assertThat(UnswNb15Format.INSTANCE.matches(DatasetReads.sample("x.csv", NORMAL + "\n"))).isFalse();
        assertThat(UnswNb15Format.INSTANCE.matches(DatasetReads.sample("x.csv", HEADER.replace("attack_cat,", "") + "\n"))).isFalse();
    }
}
