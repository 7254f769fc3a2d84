package org.flowsentry.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalTextTest {

    /** Values where rounding is delicate: ties in decimal, their neighbours, powers of ten, extremes. */
    private static List<Double> edgeCases() {
        List<Double> v = new ArrayList<>();
        double[] seeds = {0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 0.95, 9.95, 99.95, 999.5, 999.95, 9.995, 99.95, 1.005, 2.675,
            1.0005, 0.125, 0.375, 1e-5, 1e-4, 9.9995e-5, 9.9996e-5, 0.00012345, 0.001, 0.0995, 0.995, 9.995e2, 999.4999,
            1e15, 1e15 + 0.5, 123456.5, 1e7, 1e8, 12345678.95, 1e16, 1e22, 1e23, 4.5e15, 0.5, 1.5, 2.5, 3.5,
            Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 1e-300, 1e300, 1e-320, 1e308, Math.PI, Math.E};
        for (double s : seeds) {
            for (double x : new double[] {s, Math.nextUp(s), Math.nextDown(s), Math.nextUp(Math.nextUp(s))}) {
                v.add(x);
                v.add(-x);
            }
        }
        for (int e = -320; e <= 308; e++) {
            double p = Double.parseDouble("1e" + e);
            v.add(p);
            v.add(Math.nextUp(p));
            v.add(Math.nextDown(p));
            v.add(-p);
        }
        v.add(Double.NaN);
        v.add(Double.POSITIVE_INFINITY);
        v.add(Double.NEGATIVE_INFINITY);
        return v;
    }

    /** Seeded values of every kind: short decimals (many ties), any magnitude, and arbitrary bit patterns. */
    private static double[] randomValues(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double x = switch (i % 4) {
                case 0 -> r.nextInt(-2_000_000, 2_000_000) / Math.pow(10, r.nextInt(0, 9)); // short decimals
                case 1 -> (r.nextDouble() * 2 - 1) * Math.pow(10, r.nextInt(-12, 20));
                case 2 -> Double.longBitsToDouble(r.nextLong());
                default -> (r.nextDouble() * 2 - 1) * 60; // scaled features, clipped
            };
            v[i] = x;
        }
        return v;
    }

    private static int assertAllEqual(double[] values, List<Double> edges) {
        int compared = 0;
        List<Double> all = new ArrayList<>(edges);
        for (double x : values) all.add(x);
        for (double x : all) {
            for (int d : new int[] {0, 1, 2, 3}) {
                assertThat(DecimalText.appendFixed(new StringBuilder(), x, d).toString())
                        .as("%%.%df of %s", d, x).isEqualTo(String.format(Locale.US, "%." + d + "f", x));
                compared++;
            }
            for (int p : new int[] {1, 2, 3, 6}) {
                assertThat(DecimalText.appendGeneral(new StringBuilder(), x, p).toString())
                        .as("%%.%dg of %s", p, x).isEqualTo(String.format(Locale.US, "%." + p + "g", x));
                compared++;
            }
        }
        return compared;
    }

    @Test
    void fixedAndGeneralFormsEqualStringFormatOnEdgeCasesAndRandomValues() {
        List<Double> edges = edgeCases();
        int compared = assertAllEqual(randomValues(200_000, 7), edges);
        System.out.printf("[decimal-text] %d formatted numbers equal String.format's (%d edge cases, 200,000 random values, 8 patterns)%n",
                compared, edges.size());
    }

    @Test
    void tiesRoundHalfUpOnTheDecimalDigitsAsFormatterDoes() {
        // The doubles nearest 0.05 and 0.15 lie above and below them; Formatter rounds both up.
        assertThat(DecimalText.appendFixed(new StringBuilder(), 0.05, 1).toString()).isEqualTo("0.1");
        assertThat(DecimalText.appendFixed(new StringBuilder(), 0.15, 1).toString()).isEqualTo("0.2");
        assertThat(DecimalText.appendFixed(new StringBuilder(), -0.05, 1).toString()).isEqualTo("-0.1");
        assertThat(DecimalText.appendFixed(new StringBuilder(), -0.0, 1).toString()).isEqualTo("-0.0");
        assertThat(DecimalText.appendGeneral(new StringBuilder(), 999.5, 3).toString()).isEqualTo("1.00e+03");
        assertThat(DecimalText.appendGeneral(new StringBuilder(), 1e-5, 3).toString()).isEqualTo("1.00e-05");
        assertThat(DecimalText.appendGeneral(new StringBuilder(), 0.00012345, 3).toString()).isEqualTo("0.000123");
        assertThat(DecimalText.appendGeneral(new StringBuilder(), 2.5, 3).toString()).isEqualTo("2.50");
    }
}
