package org.flowsentry.core.ingest.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Arrays;
import java.util.List;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.ingest.FlowFormats;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inline rows in the layout of UNSW-NB15_1.csv to _4.csv (the raw files are not in the shared data). */
class UnswNb15RawFormatTest {
    static final String NORMAL = "59.166.0.0,1390,149.171.126.6,53,udp,CON,0.001055,132,164,31,29,0,0,dns,500473.9375,"
            + "621800.9375,2,2,0,0,0,0,66,82,0,0,0,0,1421927414,1421927414,0.017,0.013,0,0,0,0,0,0,0,0,3,7,1,3,1,1,1,,0";
    /** Hex source port, "-" destination port, blank ct_ftp_cmd, attack_cat with stray spaces. */
    static final String FUZZERS = "175.45.176.3,0x000b,149.171.126.18,-,udp,INT,0.000007,728,0,254,0,0,0,-,416000000,0,"
            + "2,0,0,0,0,0,364,0,0,0,0,0,1421927416,1421927417,0.007,0,0,0,0,0,2,0,0, ,1,1,1,1,1,1,1, Fuzzers ,1";
    /** Hex destination port and the plural spelling of Backdoor. */
    static final String BACKDOORS = "175.45.176.1,1043,149.171.126.10,0xc0a8,tcp,FIN,0.5,1000,2000,62,252,1,1,-,1000,2000,"
            + "10,12,255,255,1,2,100,167,0,0,1.5,2.5,1421927420,1421927421,5,4,0.1,0.05,0.05,0,1,0,0,0,1,1,1,1,1,1,1,Backdoors,1";
    /** A destination "port" that is not one (0x20205321 is in the real files). */
    static final String NOT_A_PORT = BACKDOORS.replace("0xc0a8", "0x20205321").replace("Backdoors", "Exploits");

    @BeforeAll
    static void rowsHaveTheRawLayout() {
        for (String row : List.of(NORMAL, FUZZERS, BACKDOORS, NOT_A_PORT)) {
            assertThat(row.split(",", -1)).hasSize(49);
        }
    }

    @Test
    void mapsAddressesPortsTimesCountersAndFeatures() {
        FlowRecord f = DatasetReads.text(UnswNb15RawFormat.INSTANCE, NORMAL + "\n").single();

        assertThat(f.getSrcAddr()).isEqualTo("59.166.0.0");
        assertThat(f.getSrcPort()).isEqualTo(1390);
        assertThat(f.getDstAddr()).isEqualTo("149.171.126.6");
        assertThat(f.getDstPort()).isEqualTo(53);
        assertThat(f.getProtocol()).isEqualTo(Protocols.UDP);
        assertThat(f.getState()).isEqualTo("CON");
        assertThat(f.getService()).isEqualTo("dns");
        assertThat(f.getDurationUs()).isEqualTo(1055L);
        assertThat(f.getStartMs()).isEqualTo(1_421_927_414_000L);
        assertThat(f.getEndMs()).isEqualTo(1_421_927_414_000L);
        assertThat(f.getSrcBytes()).isEqualTo(132L);
        assertThat(f.getDstBytes()).isEqualTo(164L);
        assertThat(f.getSrcPackets()).isEqualTo(2L);
        assertThat(f.getDstPackets()).isEqualTo(2L);
        assertThat(f.getLabel()).isEqualTo(Labels.BENIGN);
        assertThat(f.getAttackCategory()).isNull();
        // 49 columns less the 14 mapped to fields and the two label columns.
        assertThat(f.getFeatures()).hasSize(33)
                .contains(entry("sttl", 31.0), entry("Sload", 500473.9375), entry("smeansz", 66.0),
                        entry("Sintpkt", 0.017), entry("ct_srv_dst", 7.0), entry("ct_ftp_cmd", 0.0))
                .doesNotContainKeys("Stime", "Ltime", "Spkts", "sbytes", "dsport", "Label");
    }

    @Test
    void acceptsTheQuirksOfTheRealFiles() {
        DatasetReads.Result r = DatasetReads.text(UnswNb15RawFormat.INSTANCE,
                String.join("\n", NORMAL, FUZZERS, BACKDOORS, NOT_A_PORT) + "\n");

        assertThat(r.errors().count()).isZero();
        FlowRecord fuzzers = r.flows().get(1);
        assertThat(fuzzers.getSrcPort()).isEqualTo(0x0b);
        assertThat(fuzzers.getDstPort()).isNull();
        assertThat(fuzzers.getService()).isNull();
        assertThat(fuzzers.getEndMs()).isEqualTo(1_421_927_417_000L);
        assertThat(fuzzers.getFeatures()).doesNotContainKey("ct_ftp_cmd").containsEntry("ct_state_ttl", 2.0);
        assertThat(r.flows().get(2).getDstPort()).isEqualTo(0xc0a8);
        assertThat(r.flows().get(3).getDstPort()).isNull();
        assertThat(r.flows()).extracting(FlowRecord::getLabel)
                .containsExactly(Labels.BENIGN, "Fuzzers", "Backdoor", "Exploits");
        assertThat(r.flows()).extracting(FlowRecord::getAttackCategory)
                .containsExactly(null, "Fuzzers", "Backdoor", "Exploits");
        assertThat(r.errors().notes()).containsExactly(
                "dsport has values outside 0-65535 (the real files have 0x20205321): not ports, left empty");
    }

    @Test
    void labelsAnUnnamedAttackAsAttackWithoutCategory() {
        FlowRecord f = DatasetReads.text(UnswNb15RawFormat.INSTANCE, NORMAL.replace(",,0", ",,1") + "\n").single();

        assertThat(f.getLabel()).isEqualTo(UnswNb15Labels.UNNAMED_ATTACK);
        assertThat(f.getAttackCategory()).isNull();
    }

    @Test
    void reportsMalformedRowsWithLineAndColumn() {
        String shortRow = NORMAL.substring(0, NORMAL.lastIndexOf(",,0")) + ",0";
        String badBytes = NORMAL.replace(",0.001055,132,", ",0.001055,13x,");
        String badPort = NORMAL.replace(",1390,", ",0xzz,");
        String badTime = NORMAL.replace(",1421927414,1421927414,", ",1421927414,yesterday,");
        DatasetReads.Result r = DatasetReads.text(UnswNb15RawFormat.INSTANCE,
                String.join("\n", NORMAL, shortRow, badBytes, FUZZERS, badPort, badTime) + "\n");

        assertThat(r.flows()).hasSize(2);
        assertThat(r.errors().examples()).extracting(ReadErrors.Malformed::line).containsExactly(2L, 3L, 5L, 6L);
        assertThat(r.errors().examples()).extracting(ReadErrors.Malformed::reason).containsExactly(
                "expected 49 fields, found 48",
                "column 'sbytes': not a number: '13x'",
                "column 'sport': not a hex number: '0xzz'",
                "column 'Ltime': not a number: 'yesterday'");
    }

    @Test
    void isDetectedByItsRowShapeAndDoesNotClaimOtherHeaderlessFiles() {
        assertThat(FlowFormats.detect(DatasetReads.sample("UNSW-NB15_1.csv", NORMAL + "\n" + FUZZERS + "\n")))
                .contains(UnswNb15RawFormat.INSTANCE);
        assertThat(UnswNb15RawFormat.INSTANCE.matches(DatasetReads.sample("x.csv", NORMAL.replace(",udp,", ",3pc,") + "\n"))).isTrue();
        String[] fields = NORMAL.split(",", -1);
        fields[0] = "1";
        assertThat(UnswNb15RawFormat.INSTANCE.matches(DatasetReads.sample("x.csv", String.join(",", fields) + "\n"))).isFalse();
        assertThat(UnswNb15RawFormat.INSTANCE.matches(DatasetReads.sample("x.csv",
                String.join(",", Arrays.copyOf(NORMAL.split(",", -1), 48)) + "\n"))).isFalse();
        assertThat(UnswNb15RawFormat.INSTANCE.matches(DatasetReads.sample("x.csv", KddFormatTest.NSL_ROW + "\n"))).isFalse();
    }
}
