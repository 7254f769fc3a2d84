package org.flowsentry.core.ingest.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.ingest.FlowFormats;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.testing.SharedData;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class KddFormatTest {
    /** Line 16 of KDDTest+.txt. */
    static final String NSL_ROW = "37,tcp,telnet,SF,773,364200,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,1,1,0.00,0.00,0.00,0.00,1.00,0.00,0.00,"
            + "38,73,0.16,0.05,0.03,0.04,0.00,0.77,0.00,0.07,normal,14";
    /** Rows in the layout of kddcup.data_10_percent. */
    static final String KDD99_NORMAL = "0,tcp,http,SF,181,5450,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,8,8,0.00,0.00,0.00,0.00,1.00,0.00,0.00,"
            + "9,9,1.00,0.00,0.11,0.00,0.00,0.00,0.00,0.00,normal.";
    static final String KDD99_SMURF = "0,icmp,ecr_i,SF,1032,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,511,511,0.00,0.00,0.00,0.00,1.00,0.00,0.00,"
            + "255,255,1.00,0.00,1.00,0.00,0.00,0.00,0.00,0.00,smurf.";

    @Test
    void readsKddTestPlusWithItsLabelsAndCategories() {
        DatasetReads.Result r = DatasetReads.file(SharedData.file("nsl-kdd/KDDTest+.txt"), "nsl-kdd");

        assertThat(r.flows()).hasSize(22_544);
        assertThat(r.errors().count()).isZero();
        assertThat(r.labels()).hasSize(38).containsEntry(Labels.BENIGN, 9_711L).containsEntry("neptune", 4_657L)
                .containsEntry("mscan", 996L).containsEntry("apache2", 737L).containsEntry("udpstorm", 2L)
                .containsEntry("imap", 1L);
        // Every attack in KDDTest+ has a category; counts measured with awk and the mapping table.
        assertThat(r.categories()).containsExactlyInAnyOrderEntriesOf(Map.of(
                DatasetReads.NONE, 9_711L, "DoS", 7_458L, "Probe", 2_421L, "R2L", 2_754L, "U2R", 200L));
        assertThat(r.flows().stream().mapToLong(FlowRecord::getSrcBytes).sum()).isEqualTo(234_355_030L);
        assertThat(r.flows().stream().mapToLong(FlowRecord::getDstBytes).sum()).isEqualTo(46_350_888L);
        assertThat(r.flows().stream().mapToLong(FlowRecord::getDurationUs).sum()).isEqualTo(4_933_959_000_000L);
        assertThat(r.flows()).allMatch(f -> f.getSrcPackets() == 0 && f.getDstPackets() == 0);
        assertNslRow(r.flows().get(15));
    }

    @Test
    void readsKddTrainPlus20Percent() {
        DatasetReads.Result r = DatasetReads.file(SharedData.file("nsl-kdd/KDDTrain+_20Percent.txt"), "nsl-kdd");

        assertThat(r.flows()).hasSize(25_192);
        assertThat(r.errors().count()).isZero();
        assertThat(r.labels()).hasSize(22).containsEntry(Labels.BENIGN, 13_449L).containsEntry("neptune", 8_282L)
                .containsEntry("warezclient", 181L).containsEntry("spy", 1L);
        assertThat(r.categories()).containsExactlyInAnyOrderEntriesOf(Map.of(
                DatasetReads.NONE, 13_449L, "DoS", 9_234L, "Probe", 2_289L, "R2L", 209L, "U2R", 11L));
    }

    @Test
    void mapsNslKddColumnsAndLeavesDifficultyOut() {
        assertNslRow(DatasetReads.text(KddFormat.NSL_KDD, NSL_ROW + "\n").single());
    }

    private static void assertNslRow(FlowRecord f) {
        assertThat(f.getDurationUs()).isEqualTo(37_000_000L);
        assertThat(f.getProtocol()).isEqualTo(Protocols.TCP);
        assertThat(f.getService()).isEqualTo("telnet");
        assertThat(f.getState()).isEqualTo("SF");
        assertThat(f.getSrcBytes()).isEqualTo(773L);
        assertThat(f.getDstBytes()).isEqualTo(364_200L);
        assertThat(f.getLabel()).isEqualTo(Labels.BENIGN);
        assertThat(f.getAttackCategory()).isNull();
        assertThat(f.getFeatures()).hasSize(35)
                .contains(entry("logged_in", 1.0), entry("count", 1.0), entry("dst_host_count", 38.0),
                        entry("dst_host_srv_count", 73.0), entry("dst_host_srv_serror_rate", 0.77),
                        entry("dst_host_srv_rerror_rate", 0.07))
                .doesNotContainKeys("difficulty", "duration", "src_bytes", "label");
    }

    @Test
    void readsKdd99RowsAndDropsTheLabelDot() {
        DatasetReads.Result r = DatasetReads.text(KddFormat.KDD99, KDD99_NORMAL + "\n" + KDD99_SMURF + "\n"
                + KDD99_SMURF.replace("smurf.", "mailbomb.") + "\n" + KDD99_SMURF.replace("smurf.", "newattack.") + "\n");

        assertThat(r.errors().count()).isZero();
        assertThat(r.flows()).extracting(FlowRecord::getLabel).containsExactly(Labels.BENIGN, "smurf", "mailbomb", "newattack");
        assertThat(r.flows()).extracting(FlowRecord::getAttackCategory).containsExactly(null, "DoS", "DoS", null);
        FlowRecord smurf = r.flows().get(1);
        assertThat(smurf.getProtocol()).isEqualTo(Protocols.ICMP);
        assertThat(smurf.getService()).isEqualTo("ecr_i");
        assertThat(smurf.getSrcBytes()).isEqualTo(1032L);
        assertThat(smurf.getFeatures()).hasSize(35).containsEntry("count", 511.0).containsEntry("dst_host_same_src_port_rate", 1.0);
    }

    @Test
    void categorisesTheAttacksFoundOnlyInTheTestFiles() {
        Map<String, String> expected = Map.ofEntries(
                entry("apache2", "DoS"), entry("mailbomb", "DoS"), entry("processtable", "DoS"), entry("udpstorm", "DoS"),
                entry("mscan", "Probe"), entry("saint", "Probe"),
                entry("named", "R2L"), entry("sendmail", "R2L"), entry("snmpgetattack", "R2L"), entry("snmpguess", "R2L"),
                entry("worm", "R2L"), entry("xlock", "R2L"), entry("xsnoop", "R2L"),
                entry("httptunnel", "U2R"), entry("ps", "U2R"), entry("sqlattack", "U2R"), entry("xterm", "U2R"));
        expected.forEach((attack, category) -> assertThat(KddFormat.category(attack)).as(attack).isEqualTo(category));
        assertThat(KddFormat.category("normal")).isNull();
    }

    @Test
    void reportsMalformedRowsWithLineAndColumn() {
        String tooMany = NSL_ROW + ",7";
        String badBytes = NSL_ROW.replace(",SF,773,", ",SF,lots,");
        String badRate = NSL_ROW.replace(",0.16,0.05,", ",0.16,n/a,");
        DatasetReads.Result r = DatasetReads.text(KddFormat.NSL_KDD,
                String.join("\n", tooMany, NSL_ROW, badBytes, NSL_ROW, badRate) + "\n");

        assertThat(r.flows()).hasSize(2);
        assertThat(r.errors().examples()).extracting(ReadErrors.Malformed::line).containsExactly(1L, 3L, 5L);
        assertThat(r.errors().examples()).extracting(ReadErrors.Malformed::reason).containsExactly(
                "expected 43 fields, found 44",
                "column 'src_bytes': not a number: 'lots'",
                "column 'dst_host_diff_srv_rate': not a number: 'n/a'");
    }

    @Test
    void tellsNslKddAndKdd99Apart() {
        assertThat(FlowFormats.detect(DatasetReads.sample("KDDTest+.txt", NSL_ROW + "\n" + NSL_ROW + "\n"))).contains(KddFormat.NSL_KDD);
        assertThat(FlowFormats.detect(DatasetReads.sample("kddcup.data", KDD99_NORMAL + "\n" + KDD99_SMURF + "\n"))).contains(KddFormat.KDD99);
        // An NSL-KDD row without its difficulty is neither: its label has no dot.
        String noDifficulty = NSL_ROW.substring(0, NSL_ROW.lastIndexOf(','));
        assertThat(FlowFormats.detect(DatasetReads.sample("x", noDifficulty + "\n"))).isEmpty();
        assertThat(KddFormat.NSL_KDD.matches(DatasetReads.sample("x", NSL_ROW.replace(",tcp,", ",gre,") + "\n"))).isFalse();
        assertThat(KddFormat.NSL_KDD.matches(DatasetReads.sample("x", NSL_ROW + "\nnot,a,kdd,row\n"))).isFalse();
        assertThat(KddFormat.KDD99.matches(DatasetReads.sample("x", UnswNb15RawFormatTest.NORMAL + "\n"))).isFalse();
    }
}
