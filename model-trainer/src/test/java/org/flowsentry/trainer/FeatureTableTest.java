package org.flowsentry.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.flowsentry.core.generate.GeneratorOptions;
import org.flowsentry.core.generate.TrafficGenerator;
import org.flowsentry.core.output.FlowFileFormat;
import org.flowsentry.core.output.FlowWriter;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureTableTest {

    @Test
    void recordsWithoutAnyReplyAreProfiledAsOneWayAndTheLayoutSaysSo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("flows.avro");
        int written = 0;
        try (FlowWriter w = FlowFileFormat.AVRO.open(file)) {
            for (FlowRecord f : new TrafficGenerator(GeneratorOptions.defaults().withSeed(3).withDuration(Duration.ofMinutes(2))
                    .withScenarios(List.of()))) {
                w.write(f);
                written++;
            }
        }

        FeatureTable.DataProfile twoWay = FeatureTable.profile(List.of(file), null, null, false, TrainingProgress.NONE);
        assertThat(twoWay.flows()).isEqualTo(written);
        assertThat(twoWay.replied()).isPositive();
        assertThat(twoWay.oneWay()).isFalse();
        assertThat(FeatureTable.chooseLayout(twoWay, true).context().oneWayRecords()).isFalse();

        // --unidirectional: each flow becomes the records an exporter would send, none with a reply.
        FeatureTable.DataProfile oneWay = FeatureTable.profile(List.of(file), null, null, true, TrainingProgress.NONE);
        assertThat(oneWay.flows()).isGreaterThan(written);
        assertThat(oneWay.replied()).isZero();
        assertThat(oneWay.oneWay()).isTrue();
        assertThat(FeatureTable.chooseLayout(oneWay, true).context().oneWayRecords()).isTrue();
        assertThat(FeatureTable.chooseLayout(oneWay, true).toSpec().getOneWayRecords()).isTrue();
        assertThat(FeatureTable.chooseLayout(twoWay, true).context().maxPairsPerDestination()).isEqualTo(4096);
        assertThat(FeatureTable.chooseLayout(oneWay, true, 100).toSpec().getMaxPairsPerDestination()).isEqualTo(100);
    }
}
