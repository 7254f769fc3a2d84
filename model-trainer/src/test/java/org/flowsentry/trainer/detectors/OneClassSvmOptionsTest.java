package org.flowsentry.trainer.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OneClassSvmOptionsTest {
    @Test
    void defaultsAreSmallSubsampleLowNuAndMedianHeuristic() {
        OneClassSvmOptions o = new OneClassSvmOptions();
        assertThat(o.maxRows()).isEqualTo(2_000);
        assertThat(o.nu()).isEqualTo(0.01);
        assertThat(o.tolerance()).isEqualTo(1e-3);
        assertThat(o.sigma()).isZero();
    }

    @Test
    void rejectsInvalidValuesNamingTheField() {
        assertThatThrownBy(() -> new OneClassSvmOptions(1, 0.01, 1e-3, 0)).hasMessageContaining("maxRows");
        assertThatThrownBy(() -> new OneClassSvmOptions(20_000, 0.01, 1e-3, 0)).hasMessageContaining("maxRows");
        assertThatThrownBy(() -> new OneClassSvmOptions(100, 0, 1e-3, 0)).hasMessageContaining("nu");
        assertThatThrownBy(() -> new OneClassSvmOptions(100, 1.5, 1e-3, 0)).hasMessageContaining("nu");
        assertThatThrownBy(() -> new OneClassSvmOptions(100, Double.NaN, 1e-3, 0)).hasMessageContaining("nu");
        assertThatThrownBy(() -> new OneClassSvmOptions(100, 0.1, 0, 0)).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> new OneClassSvmOptions(100, 0.1, 1e-3, -1)).hasMessageContaining("sigma");
        assertThatThrownBy(() -> new OneClassSvmOptions(100, 0.1, 1e-3, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sigma");
    }

    @Test
    void acceptsBoundaryValues() {
        assertThat(new OneClassSvmOptions(2, 1.0, 1e-6, 0.5).nu()).isEqualTo(1.0);
        assertThat(new OneClassSvmOptions(OneClassSvmOptions.MAX_ROWS_LIMIT, 0.5, 1e-3, 0).maxRows()).isEqualTo(10_000);
    }
}
