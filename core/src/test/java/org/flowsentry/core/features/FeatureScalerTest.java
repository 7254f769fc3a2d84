package org.flowsentry.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FeatureScalerTest {

    @Test
    void centresOnTheMedianAndScalesByTheInterquartileRange() {
        double[][] rows = new double[101][];
        for (int i = 0; i <= 100; i++) rows[i] = new double[] {i, 5.0};
        FeatureScaler s = FeatureScaler.fit(rows, new boolean[] {false, false}, 1e9);
        double[] out = s.transform(new double[] {50.0 + 50.0 / 1.349, 5.0});
        assertThat(out[0]).isCloseTo(1.0, within(1e-12)); // IQR 50 -> one robust sd
        assertThat(out[1]).isEqualTo(0.0); // constant feature: scale falls back to 1
    }

    @Test
    void heavyTailsAreLogTransformedAndMissingValuesFilledWithTheMedian() {
        double[][] rows = {{1}, {10}, {100}, {1000}, {Double.NaN}};
        FeatureScaler s = FeatureScaler.fit(rows, new boolean[] {true}, 1e9);
        double[] filled = s.transform(new double[] {Double.NaN});
        double[] median = s.transform(new double[] {55.0}); // raw median of 1, 10, 100, 1000
        assertThat(filled[0]).isEqualTo(median[0]);
    }

    @Test
    void valuesAreClipped() {
        double[][] rows = {{0}, {1}, {2}, {3}};
        FeatureScaler s = FeatureScaler.fit(rows, new boolean[] {false}, 5.0);
        assertThat(s.transform(new double[] {1e12})[0]).isEqualTo(5.0);
        assertThat(s.transform(new double[] {-1e12})[0]).isEqualTo(-5.0);
    }

    @Test
    void survivesTheBundleRoundTrip() {
        double[][] rows = {{0, 3}, {1, 30}, {2, 300}, {3, 3000}};
        FeatureScaler s = FeatureScaler.fit(rows, new boolean[] {false, true}, 50);
        FeatureScaler back = FeatureScaler.of(s.toAvro());
        double[] x = {1.7, 123.0};
        assertThat(back.transform(x)).containsExactly(s.transform(x));
    }
}
