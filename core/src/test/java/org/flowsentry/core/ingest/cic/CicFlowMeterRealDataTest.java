package org.flowsentry.core.ingest.cic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.flow.TcpFlags;
import org.flowsentry.core.ingest.FlowFiles;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.testing.SharedData;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real CIC-IDS2017 web-attack subset in shared/data, read end to end with detection. */
class CicFlowMeterRealDataTest {
    private static final String FILE = "cic-ids2017/Thursday-WebAttacks_balanced_subset.csv";

    private static Path path;
    private static List<FlowRecord> flows;
    private static ReadErrors errors;

    @BeforeAll
    static void readOnce() throws Exception {
        path = SharedData.file(FILE);
        errors = ReadErrors.unlimited();
        flows = new ArrayList<>();
        try (FlowReader reader = FlowFiles.open(path, null, errors)) {
            assertThat(reader.format()).isSameAs(CicFlowMeterFormat.INSTANCE);
            reader.forEachRemaining(flows::add);
        }
    }

    @Test
    void detectsCicFlowMeter() throws Exception {
        assertThat(FlowFiles.detect(path).id()).isEqualTo("cicflowmeter");
    }

    @Test
    void readsEveryRowWithoutMalformedOnes() {
        assertThat(flows).hasSize(7267);
        assertThat(errors.count()).isZero();
        assertThat(errors.examples()).isEmpty();
    }

    @Test
    void labelsAreBenignAndDashNormalisedWebAttacks() {
        Map<String, Long> byLabel = new TreeMap<>();
        Map<String, Long> byCategory = new TreeMap<>();
        for (FlowRecord f : flows) {
            byLabel.merge(f.getLabel(), 1L, Long::sum);
            if (f.getAttackCategory() != null) byCategory.merge(f.getAttackCategory(), 1L, Long::sum);
        }
        assertThat(byLabel).containsExactlyInAnyOrderEntriesOf(Map.of(
                Labels.BENIGN, 5087L,
                "Web Attack - Brute Force", 1507L,
                "Web Attack - XSS", 652L,
                "Web Attack - Sql Injection", 21L));
        assertThat(byCategory).containsExactlyEntriesOf(Map.of("Web Attack", 2180L));
    }

    @Test
    void integerCodesInAddressAndTimestampColumnsAreNotedOnceAndLeftEmpty() {
        assertThat(errors.notes()).containsExactlyInAnyOrder(
                "column 'Source IP' holds integer codes, not IP addresses (replaced by whoever prepared the file):"
                        + " srcAddr left empty",
                "column 'Destination IP' holds integer codes, not IP addresses (replaced by whoever prepared the"
                        + " file): dstAddr left empty",
                "column 'Timestamp' holds integer codes, not dates and times (replaced by whoever prepared the"
                        + " file): startMs and endMs left empty");
        assertThat(flows).allSatisfy(f -> {
            assertThat(f.getSrcAddr()).isNull();
            assertThat(f.getDstAddr()).isNull();
            assertThat(f.getStartMs()).isNull();
            assertThat(f.getEndMs()).isNull();
        });
    }

    /**
     * File line 2: 62015,1261,51885.0,1599,53.0,17.0,181,76978.0,2.0,2.0,78.0,206.0,39.0,...,
     * Flow Bytes/s 3689.365793, ..., Init_Win_bytes_forward -1.0, ..., BENIGN.
     */
    @Test
    void firstRowMatchesTheCsvText() {
        FlowRecord f = flows.get(0);
        assertThat(f.getProtocol()).isEqualTo(Protocols.UDP);
        assertThat(f.getSrcPort()).isEqualTo(51885);
        assertThat(f.getDstPort()).isEqualTo(53);
        assertThat(f.getDurationUs()).isEqualTo(76978L);
        assertThat(f.getSrcPackets()).isEqualTo(2L);
        assertThat(f.getDstPackets()).isEqualTo(2L);
        assertThat(f.getSrcBytes()).isEqualTo(78L);
        assertThat(f.getDstBytes()).isEqualTo(206L);
        assertThat(f.getTcpFlags()).isNull(); // UDP
        assertThat(f.getLabel()).isEqualTo(Labels.BENIGN);
        assertThat(f.getAttackCategory()).isNull();
        assertThat(f.getFeatures()).hasSize(71)
                .containsEntry("Fwd Packet Length Max", 39.0)
                .containsEntry("Flow Bytes/s", 3689.365793)
                .containsEntry("Flow Packets/s", 51.96289849)
                .containsEntry("Flow IAT Max", 76970.0)
                .containsEntry("Init_Win_bytes_forward", -1.0)
                .containsEntry("min_seg_size_forward", 32.0)
                .containsEntry("Idle Min", 0.0)
                .doesNotContainKeys("Flow Duration", "Total Fwd Packets", "Label", "Flow ID", "Source Port");
    }

    /**
     * File line 406: 4022,845,44380.0,1601,80.0,6.0,196,5185118.0,7.0,7.0,1022.0,2321.0,...,
     * FIN..ECE flag counts 0,0,0,1,0,0,0,0, ..., Init_Win_bytes_forward 29200.0, ..., Web Attack – Brute Force.
     */
    @Test
    void webAttackRowMatchesTheCsvText() {
        FlowRecord f = flows.get(404); // line 406 = second data row is line 3, so index = line - 2
        assertThat(f.getProtocol()).isEqualTo(Protocols.TCP);
        assertThat(f.getSrcPort()).isEqualTo(44380);
        assertThat(f.getDstPort()).isEqualTo(80);
        assertThat(f.getDurationUs()).isEqualTo(5185118L);
        assertThat(f.getSrcPackets()).isEqualTo(7L);
        assertThat(f.getDstPackets()).isEqualTo(7L);
        assertThat(f.getSrcBytes()).isEqualTo(1022L);
        assertThat(f.getDstBytes()).isEqualTo(2321L);
        assertThat(f.getTcpFlags()).isEqualTo(TcpFlags.PSH);
        assertThat(f.getLabel()).isEqualTo("Web Attack - Brute Force");
        assertThat(f.getAttackCategory()).isEqualTo("Web Attack");
        assertThat(f.getFeatures())
                .containsEntry("PSH Flag Count", 1.0)
                .containsEntry("Init_Win_bytes_forward", 29200.0)
                .containsEntry("Init_Win_bytes_backward", 252.0)
                .containsEntry("Bwd Packet Length Max", 1047.0);
    }
}
