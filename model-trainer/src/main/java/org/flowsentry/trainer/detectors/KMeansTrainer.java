package org.flowsentry.trainer.detectors;

import java.nio.DoubleBuffer;
import java.util.HashSet;
import java.util.Set;
import org.flowsentry.schema.DetectorKind;
import org.flowsentry.schema.KMeansModel;
import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * K-Means distance detector: Smile's {@code KMeans.fit(x, k, maxIter, tol)} (k-means++ seeding,
 * then the filtering algorithm on a BBD tree) on a bounded subsample of benign rows; the score is
 * the Euclidean distance to the nearest centroid, exported as the centroids.
 *
 * <p>Deterministic for a seed: the subsample and k-means++ draw from Smile's generator of the
 * calling thread, seeded here; Smile's parallel loops in the fit use no randomness. When the
 * subsample has fewer distinct rows than k, k shrinks to that number (k-means++ would otherwise
 * repeat centroids, and a centroid left with no rows becomes NaN); a single distinct row is its
 * own centroid (Smile needs k >= 2).
 */
public final class KMeansTrainer implements DetectorTrainer {
    private final KMeansOptions options;

    public KMeansTrainer(KMeansOptions options) {
        this.options = options;
    }

    public KMeansTrainer() {
        this(KMeansOptions.defaults());
    }

    public KMeansOptions options() {
        return options;
    }

    @Override
    public DetectorKind kind() {
        return DetectorKind.KMEANS_DISTANCE;
    }

    @Override
    public String name() {
        return "kmeans_distance";
    }

    @Override
    public FittedDetector fit(double[][] x, boolean[] attack, long seed) {
        int d = DetectorArrays.width(x);
        MathEx.setSeed(seed); // k-means++ seeding draws from Smile's generator
        double[][] rows = DetectorArrays.sample(x, options.maxSamples(), new java.util.SplittableRandom(seed));
        int k = Math.min(options.k(), distinct(rows, options.k()));
        KMeans model = k < 2
                ? new KMeans(0.0, new double[][] {rows[0].clone()}, new int[rows.length])
                : KMeans.fit(rows, k, options.maxIter(), options.tol());
        double[] centroids = new double[model.centroids.length * d];
        for (int c = 0; c < model.centroids.length; c++) {
            double[] centroid = model.centroids[c];
            for (double v : centroid) {
                if (!Double.isFinite(v)) throw new IllegalStateException("k-means centroid " + c + " is not finite");
            }
            System.arraycopy(centroid, 0, centroids, c * d, d);
        }
        return new Fitted(model, new KMeansModel(d, DetectorArrays.boxed(centroids)));
    }

    /** Distinct rows of x, counted up to limit. */
    private static int distinct(double[][] x, int limit) {
        Set<DoubleBuffer> seen = new HashSet<>(); // DoubleBuffer compares contents
        for (double[] row : x) {
            if (seen.add(DoubleBuffer.wrap(row)) && seen.size() >= limit) break;
        }
        return seen.size();
    }

    private record Fitted(KMeans model, KMeansModel export) implements FittedDetector {
        @Override
        public DetectorKind kind() {
            return DetectorKind.KMEANS_DISTANCE;
        }

        /** Distance to the centroid Smile's predict finds nearest. */
        @Override
        public double libraryScore(double[] x) {
            return MathEx.distance(x, model.centroids[model.predict(x)]);
        }
    }
}
