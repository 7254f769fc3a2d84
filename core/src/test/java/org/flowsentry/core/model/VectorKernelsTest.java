package org.flowsentry.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels give the plain loops' results bit for bit, at every size around the vector
 * length and the four-block passes (the test JVM runs with the vector module, as the launcher does).
 */
class VectorKernelsTest {
    private static final int[] SIZES = {1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 24, 31, 32, 33, 40, 49, 63, 64, 65, 67, 72, 100};

    @Test
    void theTestJvmHasTheVectorModule() {
        assertThat(Vectors.ENABLED).as("surefire runs with --add-modules jdk.incubator.vector").isTrue();
    }

    @Test
    void squaredDistancesAreThePlainLoopsBits() {
        SplittableRandom random = new SplittableRandom(11);
        for (int count : SIZES) {
            for (int dim : new int[] {1, 3, 4, 5, 12, 67}) {
                double[] rows = values(random, count * dim);
                PointsByFeature plain = PointsByFeature.of(rows, count, dim, false);
                PointsByFeature vector = PointsByFeature.of(rows, count, dim, true);
                assertThat(plain.scratchLength()).isEqualTo(count);
                assertThat(vector.scratchLength()).isGreaterThanOrEqualTo(count);
                double[] expected = new double[plain.scratchLength()];
                double[] actual = new double[vector.scratchLength()];
                for (int trial = 0; trial < 20; trial++) {
                    double[] x = values(random, dim);
                    plain.squaredDistances(x, expected);
                    vector.squaredDistances(x, actual);
                    for (int i = 0; i < count; i++) {
                        assertThat(Double.doubleToRawLongBits(actual[i])).as("%d points of %d features, point %d", count, dim, i)
                                .isEqualTo(Double.doubleToRawLongBits(expected[i]));
                    }
                }
            }
        }
    }

    @Test
    void denseLayersAreThePlainLoopsBits() {
        SplittableRandom random = new SplittableRandom(12);
        for (int outputs : SIZES) {
            for (int inputs : new int[] {1, 3, 4, 5, 12, 32, 67}) {
                double[] weights = values(random, outputs * inputs);
                double[] bias = values(random, outputs);
                DenseWeights plain = DenseWeights.of(weights, bias, outputs, inputs, false);
                DenseWeights vector = DenseWeights.of(weights, bias, outputs, inputs, true);
                double[] expected = new double[plain.scratchLength()];
                double[] actual = new double[vector.scratchLength()];
                for (int trial = 0; trial < 20; trial++) {
                    double[] a = values(random, inputs);
                    plain.apply(a, expected);
                    vector.apply(a, actual);
                    for (int o = 0; o < outputs; o++) {
                        assertThat(Double.doubleToRawLongBits(actual[o])).as("%d inputs into %d outputs, output %d", inputs, outputs, o)
                                .isEqualTo(Double.doubleToRawLongBits(expected[o]));
                    }
                }
            }
        }
    }

    /** Values of mixed magnitudes and signs, some zero, so that rounding differs with the order of the adds. */
    private static double[] values(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(10);
            v[i] = kind == 0 ? 0.0 : kind == 1 ? -0.0 : random.nextGaussian() * Math.pow(10, random.nextInt(-6, 7));
        }
        return v;
    }
}
