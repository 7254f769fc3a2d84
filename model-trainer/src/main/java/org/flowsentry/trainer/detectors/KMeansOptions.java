package org.flowsentry.trainer.detectors;

/**
 * Hyperparameters of the K-Means distance detector.
 *
 * @param k number of centroids; 32: benign flows form a few dozen modes (DNS, web, TLS, mail,
 *     NTP, scans of the local network, ... times directions and sizes), fewer centroids would
 *     put benign modes far from every centroid and more would start covering rare, attack-like
 *     regions; scoring costs k x d multiply-adds (about 2,000 at 60 features). Fewer distinct
 *     training rows than k give one centroid each
 * @param maxIter most Lloyd iterations (Smile's default, 100); Smile's filtering algorithm
 *     converges in far fewer on scaled flow features
 * @param tol Smile's convergence threshold: iterations stop when the distortion (sum of squared
 *     distances) improves by at most this much; 1e-4 is Smile's default
 * @param maxSamples most benign rows clustered (a seeded random subset of larger inputs); 20,000
 *     rows give over 600 rows per centroid on average, plenty to place 32 centroids, and keep
 *     fitting to seconds on 100,000-row training sets
 */
public record KMeansOptions(int k, int maxIter, double tol, int maxSamples) {

    public KMeansOptions {
        if (k < 2 || k > 4096) {
            throw new IllegalArgumentException("k-means k must be in 2..4096, got " + k);
        }
        if (maxIter < 1) {
            throw new IllegalArgumentException("k-means maxIter must be at least 1, got " + maxIter);
        }
        if (!(tol >= 0) || Double.isInfinite(tol)) {
            throw new IllegalArgumentException("k-means tol must be finite and >= 0, got " + tol);
        }
        if (maxSamples < k) {
            throw new IllegalArgumentException("k-means maxSamples must be at least k = " + k + ", got " + maxSamples);
        }
    }

    /** 32 centroids of up to 20,000 rows, Smile's iteration limit and tolerance. */
    public static KMeansOptions defaults() {
        return new KMeansOptions(32, 100, 1e-4, 20_000);
    }
}
