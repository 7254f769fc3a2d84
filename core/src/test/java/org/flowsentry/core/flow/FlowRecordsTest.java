package org.flowsentry.core.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class FlowRecordsTest {

    @Test
    void aConversationBecomesTwoOneWayRecordsLikeNetFlowReportsIt() {
        FlowRecord r = FlowRecords.blank();
        r.setStartMs(100L);
        r.setSrcAddr("10.0.0.1");
        r.setSrcPort(50000);
        r.setDstAddr("10.0.0.2");
        r.setDstPort(443);
        r.setProtocol(Protocols.TCP);
        r.setSrcBytes(500L);
        r.setSrcPackets(5L);
        r.setDstBytes(9000L);
        r.setDstPackets(8L);
        r.setLabel("BENIGN");
        List<FlowRecord> oneWay = FlowRecords.oneWay(r);
        assertThat(oneWay).hasSize(2);
        FlowRecord out = oneWay.get(0);
        FlowRecord back = oneWay.get(1);
        assertThat(List.of(out.getSrcAddr(), out.getDstPort(), out.getSrcBytes(), out.getDstBytes(), out.getSrcPackets()))
                .containsExactly("10.0.0.1", 443, 500L, 0L, 5L);
        assertThat(List.of(back.getSrcAddr(), back.getSrcPort(), back.getDstAddr(), back.getDstPort(), back.getSrcBytes(), back.getDstBytes()))
                .containsExactly("10.0.0.2", 443, "10.0.0.1", 50000, 9000L, 0L);
        assertThat(back.getLabel()).isEqualTo("BENIGN");
        assertThat(back.getStartMs()).isEqualTo(100L);
        assertThat(r.getDstBytes()).as("the input is not changed").isEqualTo(9000L);
    }

    @Test
    void aFlowWithoutReplyStaysOneRecord() {
        FlowRecord r = FlowRecords.blank();
        r.setSrcBytes(60L);
        r.setSrcPackets(1L);
        assertThat(FlowRecords.oneWay(r)).hasSize(1).first().extracting(FlowRecord::getSrcBytes).isEqualTo(60L);
    }
}
