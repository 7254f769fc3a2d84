package org.flowsentry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import org.flowsentry.core.generate.GeneratorOptions;
import org.flowsentry.core.generate.TrafficGenerator;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.job.support.AlertEncoder;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class LatencyFlowsTest {
    private static Iterator<FlowRecord> traffic() {
        return new TrafficGenerator(GeneratorOptions.defaults().withSeed(3)).iterator();
    }

    @Test
    void eachFlowIsEncodedWithItsIndexAsExporterAndItsSourceAsKey() throws Exception {
        StreamBenchmarkCommand.LatencyFlows flows = StreamBenchmarkCommand.LatencyFlows.encode(traffic(), 1_000, 64L << 20);
        assertThat(flows.values().length).isEqualTo(1_000);
        assertThat(flows.keys().length).isEqualTo(1_000);
        for (int i : new int[] {0, 1, 999}) {
            FlowRecord f = AvroWire.FLOW_RECORD.decode(flows.values()[i]);
            assertThat(f.getExporter()).isEqualTo("latency-" + i);
            assertThat(flows.keys()[i]).isEqualTo(AlertEncoder.key(f.getSrcAddr()));
        }
    }

    @Test
    void moreFlowsThanTheMemoryBudgetHoldsAreRefusedWithTheOptionsToChange() {
        assertThatThrownBy(() -> StreamBenchmarkCommand.LatencyFlows.encode(traffic(), 1_000_000, 1L << 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1,000,000 flows").hasMessageContaining("the 1 MB of heap").hasMessageContaining("--latency-seconds").hasMessageContaining("--latency-rate");
    }
}
