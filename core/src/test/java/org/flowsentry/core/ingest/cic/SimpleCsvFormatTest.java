package org.flowsentry.core.ingest.cic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowsentry.core.ingest.cic.Samples.csv;
import static org.flowsentry.core.ingest.cic.Samples.read;

import java.util.List;
import java.util.Map;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class SimpleCsvFormatTest {
    private static final String H = "packet_size,duration,src_bytes,dst_bytes,protocol_type,flag,src_port,dst_port,"
            + "packet_rate,error_rate,label";

    @Test
    void detectsOnlyTheExactHeader() {
        assertThat(Samples.detect(csv(H, "1500,0.5,491,0,TCP,SYN,12345,80,3000,0.0,normal"))).isEqualTo("simple-csv");
        assertThat(Samples.detect(csv(H + ",extra"))).isNull();
        assertThat(Samples.detect(csv(H.replace("error_rate", "err_rate")))).isNull();
    }

    @Test
    void mapsEveryColumn() throws Exception {
        ReadErrors errors = ReadErrors.unlimited();
        List<FlowRecord> flows = read(SimpleCsvFormat.INSTANCE, csv(H,
                "1500,0.5,491,1024,TCP,SYN,12345,80,3000,0.01,normal",
                "64,0.000001,64,0,ICMP,,0,0,1000000,1,DoS",
                "512,2,100,200,udp,,53,5353,2.5,0,0",
                "512,2,100,200,UDP,,53,5353,2.5,0,Benign"), errors);
        assertThat(errors.count()).isZero();
        FlowRecord tcp = flows.get(0);
        assertThat(tcp.getProtocol()).isEqualTo(Protocols.TCP);
        assertThat(tcp.getDurationUs()).isEqualTo(500_000L);
        assertThat(tcp.getSrcBytes()).isEqualTo(491L);
        assertThat(tcp.getDstBytes()).isEqualTo(1024L);
        assertThat(tcp.getSrcPackets()).isZero();
        assertThat(tcp.getDstPackets()).isZero();
        assertThat(tcp.getSrcPort()).isEqualTo(12345);
        assertThat(tcp.getDstPort()).isEqualTo(80);
        assertThat(tcp.getState()).isEqualTo("SYN");
        assertThat(tcp.getTcpFlags()).isNull();
        assertThat(tcp.getStartMs()).isNull();
        assertThat(tcp.getSrcAddr()).isNull();
        assertThat(tcp.getFeatures()).containsExactlyInAnyOrderEntriesOf(
                Map.of("packet_size", 1500.0, "packet_rate", 3000.0, "error_rate", 0.01));
        assertThat(tcp.getLabel()).isEqualTo(Labels.BENIGN);

        FlowRecord icmp = flows.get(1);
        assertThat(icmp.getProtocol()).isEqualTo(Protocols.ICMP);
        assertThat(icmp.getDurationUs()).isEqualTo(1L);
        assertThat(icmp.getSrcPort()).isNull();
        assertThat(icmp.getState()).isNull();
        assertThat(icmp.getLabel()).isEqualTo("DoS");
        assertThat(icmp.getAttackCategory()).isNull();

        assertThat(flows.get(2).getProtocol()).isEqualTo(Protocols.UDP);
        assertThat(flows.get(2).getDurationUs()).isEqualTo(2_000_000L);
        assertThat(flows.get(2).getLabel()).isEqualTo(Labels.BENIGN);
        assertThat(flows.get(3).getLabel()).isEqualTo(Labels.BENIGN);
    }

    @Test
    void reportsBadRowsWithLineAndReason() throws Exception {
        ReadErrors errors = ReadErrors.unlimited();
        List<FlowRecord> flows = read(SimpleCsvFormat.INSTANCE, csv(H,
                "1500,abc,491,0,TCP,SYN,12345,80,3000,0.0,normal",
                "1500,Infinity,491,0,TCP,SYN,12345,80,3000,0.0,normal",
                "1500,0.5,491,0,TCP,SYN,12345,80,3000,normal",
                "1500,0.5,491,0,TCP,SYN,12345,80,3000,0.0,normal"), errors);
        assertThat(flows).hasSize(1);
        assertThat(errors.examples()).extracting(e -> e.line() + ": " + e.reason()).containsExactly(
                "2: column 'duration': not a number: 'abc'",
                "3: column 'duration': not a finite number of seconds: 'Infinity'",
                "4: expected 11 fields, found 10");
    }
}
