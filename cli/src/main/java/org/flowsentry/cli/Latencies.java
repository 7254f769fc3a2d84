package org.flowsentry.cli;

import java.util.Arrays;

/**
 * Latency samples in nanoseconds and their percentiles (nearest rank on the sorted samples:
 * exact, no histogram buckets). A plain growing array: a benchmark run takes at most a few
 * million samples.
 */
final class Latencies {
    /** Percentiles in milliseconds. */
    record Summary(long samples, double p50Ms, double p90Ms, double p99Ms, double maxMs) {}

    private long[] samples = new long[1024];
    private int size;

    void add(long nanos) {
        if (nanos < 0) throw new IllegalArgumentException("a latency cannot be negative: " + nanos + " ns");
        if (size == samples.length) samples = Arrays.copyOf(samples, size * 2);
        samples[size++] = nanos;
    }

    int size() {
        return size;
    }

    /** @throws IllegalStateException when there is no sample */
    Summary summary() {
        if (size == 0) throw new IllegalStateException("no latency samples");
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        return new Summary(size, ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.90)), ms(percentile(sorted, 0.99)),
                ms(sorted[size - 1]));
    }

    /** The smallest sample with at least share p of all samples at or below it. */
    static long percentile(long[] sorted, double p) {
        if (!(p > 0 && p <= 1)) throw new IllegalArgumentException("p must be in (0, 1], got " + p);
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
