package org.flowsentry.trainer.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.flowsentry.schema.Activation;
import org.junit.jupiter.api.Test;

class AutoencoderOptionsTest {
    @Test
    void defaultsAreSmallReluBottleneckNetworkTrainedBriefly() {
        AutoencoderOptions o = new AutoencoderOptions();
        assertThat(o.hidden()).containsExactly(32, 12, 32);
        assertThat(o.activation()).isEqualTo(Activation.RELU);
        assertThat(o.learningRate()).isEqualTo(0.001);
        assertThat(o.epochs()).isEqualTo(5);
        assertThat(o.batchSize()).isEqualTo(32);
        assertThat(o.maxRows()).isEqualTo(50_000);
    }

    @Test
    void rejectsInvalidValuesNamingTheField() {
        assertThatThrownBy(() -> new AutoencoderOptions(List.of(), Activation.RELU, 0.001, 1, 1, 1)).hasMessageContaining("hidden");
        assertThatThrownBy(() -> new AutoencoderOptions(List.of(8, 0), Activation.RELU, 0.001, 1, 1, 1)).hasMessageContaining("hidden");
        assertThatThrownBy(() -> new AutoencoderOptions(List.of(8), null, 0.001, 1, 1, 1)).hasMessageContaining("activation");
        assertThatThrownBy(() -> new AutoencoderOptions(List.of(8), Activation.RELU, 0, 1, 1, 1)).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> new AutoencoderOptions(List.of(8), Activation.RELU, Double.NaN, 1, 1, 1)).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> new AutoencoderOptions(List.of(8), Activation.RELU, 0.001, 0, 1, 1)).hasMessageContaining("epochs");
        assertThatThrownBy(() -> new AutoencoderOptions(List.of(8), Activation.RELU, 0.001, 1, 0, 1)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> new AutoencoderOptions(List.of(8), Activation.RELU, 0.001, 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRows");
    }

    @Test
    void hiddenSizesAreCopiedSoTheRecordStaysImmutable() {
        List<Integer> sizes = new ArrayList<>(List.of(8, 4, 8));
        AutoencoderOptions o = new AutoencoderOptions(sizes, Activation.LINEAR, 0.01, 1, 8, 100);
        sizes.set(0, 99);
        assertThat(o.hidden()).containsExactly(8, 4, 8);
        assertThat(o).isEqualTo(new AutoencoderOptions(List.of(8, 4, 8), Activation.LINEAR, 0.01, 1, 8, 100));
    }
}
