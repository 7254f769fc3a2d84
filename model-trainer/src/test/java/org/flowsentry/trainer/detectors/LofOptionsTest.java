package org.flowsentry.trainer.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LofOptionsTest {
    @Test
    void defaultsAreSmallKFewThousandDistinctReferencesInFourDimensions() {
        LofOptions o = new LofOptions();
        assertThat(o.k()).isEqualTo(10);
        assertThat(o.maxReferences()).isEqualTo(3_000);
        assertThat(o.dimensions()).isEqualTo(4);
        assertThat(o.distinct()).isTrue();
    }

    @Test
    void rejectsInvalidValuesNamingTheField() {
        assertThatThrownBy(() -> new LofOptions(0, 100, 5, true)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k");
        assertThatThrownBy(() -> new LofOptions(10, 10, 5, true)).hasMessageContaining("maxReferences");
        assertThatThrownBy(() -> new LofOptions(10, 100, -1, true)).hasMessageContaining("dimensions");
    }

    @Test
    void zeroDimensionsMeansNoProjection() {
        assertThat(new LofOptions(1, 2, 0, false).dimensions()).isZero();
    }
}
