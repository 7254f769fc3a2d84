package org.flowsentry.core.generate;

import java.util.SplittableRandom;

/**
 * The random numbers of one generator process. Each process (benign background, each attack) has
 * its own stream derived from the seed and a stream number, so adding a scenario never changes
 * the benign traffic and vice versa.
 */
final class Rand {
    private final SplittableRandom random;
    private double spareGaussian;
    private boolean hasSpare;

    Rand(long seed, long stream) {
        this.random = new SplittableRandom(mix(seed ^ mix(stream + 0x9E3779B97F4A7C15L)));
    }

    /** SplitMix64's finalizer: nearby seeds and stream numbers give unrelated streams. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return random.nextDouble();
    }

    /** Uniform in [lo, hi). */
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** Uniform integer in [0, bound). */
    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Uniform integer in [lo, hi], both included. */
    int between(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }

    int nextInt() {
        return random.nextInt();
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** Standard normal (Marsaglia's polar method; the second value of each pair is kept). */
    double gaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * m;
        hasSpare = true;
        return u * m;
    }

    /** Log-normal with the given median; sigma is the spread of its logarithm. */
    double logNormal(double median, double sigma) {
        return median * Math.exp(sigma * gaussian());
    }

    /** Log-normal clamped to [lo, hi]: heavy-tailed sizes and durations with physical limits. */
    double logNormal(double median, double sigma, double lo, double hi) {
        return Math.max(lo, Math.min(hi, logNormal(median, sigma)));
    }

    /** Exponential with the given mean: the gap between events of a Poisson process. */
    double exponential(double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    /** Pareto with minimum xm and tail index alpha (alpha near 1: very heavy tail). */
    double pareto(double xm, double alpha) {
        return xm / Math.pow(1 - random.nextDouble(), 1 / alpha);
    }

    /** A client port from the IANA dynamic range Windows uses (49152-65535). */
    int clientPort() {
        return 49152 + random.nextInt(16384);
    }

    /** A client port from Linux's default ephemeral range (32768-60999). */
    int linuxPort() {
        return 32768 + random.nextInt(28232);
    }
}
