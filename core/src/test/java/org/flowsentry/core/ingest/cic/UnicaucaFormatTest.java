package org.flowsentry.core.ingest.cic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowsentry.core.ingest.cic.Samples.csv;
import static org.flowsentry.core.ingest.cic.Samples.read;
import static org.flowsentry.core.ingest.cic.Samples.row;
import static org.flowsentry.core.ingest.cic.Samples.values;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.flow.TcpFlags;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class UnicaucaFormatTest {
    private static final String H = CicHeaders.UNICAUCA;

    /** A published row's leading values (Source.IP .. Total.Length.of.Bwd.Packets), the rest made up. */
    private static Map<String, String> proxyFlow() {
        return values("Flow.ID", "172.19.1.46-10.200.7.7-52422-3128-6", "Source.IP", "172.19.1.46",
                "Source.Port", "52422", "Destination.IP", "10.200.7.7", "Destination.Port", "3128", "Protocol", "6",
                "Timestamp", "26/04/201711:11:17", "Flow.Duration", "45523", "Total.Fwd.Packets", "22",
                "Total.Backward.Packets", "55", "Total.Length.of.Fwd.Packets", "132",
                "Total.Length.of.Bwd.Packets", "110414", "Flow.Bytes.s", "2428307.449", "PSH.Flag.Count", "1",
                "ACK.Flag.Count", "1", "Fwd.Header.Length", "712", "Fwd.Header.Length.1", "712",
                "Init_Win_bytes_forward", "274", "Label", "BENIGN", "L7Protocol", "131",
                "ProtocolName", "HTTP_PROXY");
    }

    @Test
    void isDetectedBeforeCicFlowMeter() {
        String text = csv(H, row(H, proxyFlow()));
        assertThat(Samples.detect(text)).isEqualTo("unicauca");
        FileSample sample = new FileSample("u.csv", text.getBytes(StandardCharsets.UTF_8));
        assertThat(CicFlowMeterFormat.INSTANCE.matches(sample)).isTrue(); // the headers overlap: order decides
    }

    @Test
    void mapsEveryFieldWithTheApplicationAsService() throws Exception {
        ReadErrors errors = ReadErrors.unlimited();
        List<FlowRecord> flows = read(UnicaucaFormat.INSTANCE, csv(H, row(H, proxyFlow())), errors);
        assertThat(errors.count()).isZero();
        FlowRecord f = flows.get(0);
        long start = Instant.parse("2017-04-26T11:11:17Z").toEpochMilli();
        assertThat(f.getStartMs()).isEqualTo(start);
        assertThat(f.getEndMs()).isEqualTo(start + 45);
        assertThat(f.getDurationUs()).isEqualTo(45523L);
        assertThat(f.getSrcAddr()).isEqualTo("172.19.1.46");
        assertThat(f.getSrcPort()).isEqualTo(52422);
        assertThat(f.getDstAddr()).isEqualTo("10.200.7.7");
        assertThat(f.getDstPort()).isEqualTo(3128);
        assertThat(f.getProtocol()).isEqualTo(Protocols.TCP);
        assertThat(f.getSrcPackets()).isEqualTo(22L);
        assertThat(f.getDstPackets()).isEqualTo(55L);
        assertThat(f.getSrcBytes()).isEqualTo(132L);
        assertThat(f.getDstBytes()).isEqualTo(110414L);
        assertThat(f.getTcpFlags()).isEqualTo(TcpFlags.PSH | TcpFlags.ACK);
        assertThat(f.getService()).isEqualTo("HTTP_PROXY");
        assertThat(f.getLabel()).isEqualTo(Labels.BENIGN);
        assertThat(f.getAttackCategory()).isNull();
        // CIC-IDS2017 feature names, without the nDPI id and the duplicated header length
        assertThat(f.getFeatures()).hasSize(71)
                .containsEntry("Flow Bytes/s", 2428307.449)
                .containsEntry("Fwd Header Length", 712.0)
                .containsEntry("Init_Win_bytes_forward", 274.0)
                .doesNotContainKeys("L7Protocol", "ProtocolName", "Fwd.Header.Length.1", "Flow.Bytes.s");
    }

    @Test
    void reportsBadRowsWithLineAndReason() throws Exception {
        Map<String, String> badTime = proxyFlow();
        badTime.put("Timestamp", "26/04/201725:11:17");
        Map<String, String> noDuration = proxyFlow();
        noDuration.put("Flow.Duration", "");
        ReadErrors errors = ReadErrors.unlimited();
        List<FlowRecord> flows = read(UnicaucaFormat.INSTANCE,
                csv(H, row(H, badTime), row(H, proxyFlow()), row(H, noDuration)), errors);
        assertThat(flows).hasSize(1);
        assertThat(errors.examples()).extracting(e -> e.line() + ": " + e.reason()).containsExactly(
                "2: column 'Timestamp': not a date and time: '26/04/201725:11:17'",
                "4: empty column 'Flow.Duration'");
    }
}
