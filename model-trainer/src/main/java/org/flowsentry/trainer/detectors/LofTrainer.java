package org.flowsentry.trainer.detectors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.flowsentry.core.model.LofScorer;
import org.flowsentry.schema.DetectorKind;
import org.flowsentry.schema.LofModel;
import smile.feature.extraction.PCA;
import smile.math.MathEx;
import smile.neighbor.KDTree;
import smile.neighbor.Neighbor;

/**
 * Local Outlier Factor, which Smile 3.1.1 lacks, built from Smile's k-d tree (neighbours) and PCA
 * (projection) with core's {@link LofScorer#lrd} as the single definition of density; exported as
 * a {@link LofModel}.
 */
public final class LofTrainer implements DetectorTrainer {
    private final LofOptions options;

    public LofTrainer(LofOptions options) {
        if (options == null) throw new IllegalArgumentException("options is null");
        this.options = options;
    }

    public LofTrainer() {
        this(new LofOptions());
    }

    public LofOptions options() {
        return options;
    }

    @Override
    public DetectorKind kind() {
        return DetectorKind.LOCAL_OUTLIER_FACTOR;
    }

    @Override
    public String name() {
        return "local_outlier_factor";
    }

    @Override
    public FittedDetector fit(double[][] x, boolean[] attack, long seed) {
        int width = DetectorArrays.width(x);
        int k = options.k();
        double[][] rows = references(x, seed);
        if (rows.length <= k) {
            throw new IllegalArgumentException("LOF needs more than k = " + k + (options.distinct() ? " distinct" : "")
                    + " training rows: " + rows.length);
        }
        PCA pca = options.dimensions() > 0 && options.dimensions() < width
                ? PCA.fit(rows).getProjection(options.dimensions())
                : null;
        Projection projection = pca == null ? null : new Projection(pca.projection.toArray(), pca.center());
        int n = rows.length;
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++) points[i] = projection == null ? rows[i].clone() : projection.apply(rows[i]);
        KDTree<double[]> tree = KDTree.of(points);

        // Each reference's neighbours leave the reference itself out: Smile's search skips the query's own key.
        List<List<Neighbor<double[], double[]>>> neighbours = new ArrayList<>(n);
        double[] kDistance = new double[n];
        for (int i = 0; i < n; i++) {
            List<Neighbor<double[], double[]>> nn = nearest(tree, points[i], k);
            neighbours.add(nn);
            kDistance[i] = nn.get(k - 1).distance;
        }
        double[] lrd = new double[n];
        for (int i = 0; i < n; i++) lrd[i] = density(neighbours.get(i), kDistance, k);

        LofModel.Builder model = LofModel.newBuilder()
                .setK(k)
                .setDimension(points[0].length)
                .setPoints(DetectorArrays.rowMajor(points))
                .setKDistance(DetectorArrays.boxed(kDistance))
                .setLrd(DetectorArrays.boxed(lrd));
        if (projection != null) {
            model.setProjection(DetectorArrays.rowMajor(projection.loadings))
                    .setProjectionCenter(DetectorArrays.boxed(projection.center));
        }
        return new Fitted(model.build(), projection, tree, kDistance, lrd, k);
    }

    /** Up to maxReferences rows in a seeded random order, without exact repeats when options.distinct(). */
    private double[][] references(double[][] x, long seed) {
        int[] order = DetectorArrays.shuffled(x.length, new SplittableRandom(seed));
        List<double[]> rows = new ArrayList<>(Math.min(x.length, options.maxReferences()));
        Set<List<Double>> seen = new HashSet<>();
        for (int i = 0; i < order.length && rows.size() < options.maxReferences(); i++) {
            double[] row = x[order[i]];
            if (!options.distinct() || seen.add(DetectorArrays.boxed(row))) rows.add(row);
        }
        return rows.toArray(new double[0][]);
    }

    /**
     * The k nearest keys of q, ordered as core's scorer orders them: by squared distance, ties by
     * lower index. Smile's k-nearest search gives the k-th distance; a radius search at that
     * distance then returns every key tied with it, so the ties are broken as core breaks them.
     */
    static List<Neighbor<double[], double[]>> nearest(KDTree<double[]> tree, double[] q, int k) {
        double radius = 0;
        for (Neighbor<double[], double[]> nb : tree.search(q, k)) radius = Math.max(radius, nb.distance);
        List<Neighbor<double[], double[]>> ball = new ArrayList<>();
        tree.search(q, Math.max(radius, Double.MIN_VALUE), ball); // Smile requires a positive radius
        ball.sort(Comparator.<Neighbor<double[], double[]>>comparingDouble(nb -> MathEx.squaredDistance(q, nb.key))
                .thenComparingInt(nb -> nb.index));
        return ball.subList(0, k);
    }

    /** Local reachability density of a point from its neighbours (core's definition). */
    private static double density(List<Neighbor<double[], double[]>> nn, double[] kDistance, int k) {
        double[] neighbourKDistance = new double[k];
        double[] distance = new double[k];
        for (int i = 0; i < k; i++) {
            neighbourKDistance[i] = kDistance[nn.get(i).index];
            distance[i] = nn.get(i).distance;
        }
        return LofScorer.lrd(k, neighbourKDistance, distance);
    }

    /**
     * Smile's principal components applied as the bundle defines the projection, P (x - c) summed
     * in feature order. Smile's own PCA.apply computes P x - P c, equal but rounded differently;
     * near-duplicate flows lie 1e-8 apart, where that rounding moves LOF by more than 1e-9.
     */
    private record Projection(double[][] loadings, double[] center) {
        double[] apply(double[] x) {
            double[] z = new double[loadings.length];
            for (int r = 0; r < z.length; r++) {
                double s = 0;
                for (int j = 0; j < x.length; j++) s += loadings[r][j] * (x[j] - center[j]);
                z[r] = s;
            }
            return z;
        }
    }

    private record Fitted(LofModel model, Projection projection, KDTree<double[]> tree, double[] kDistance, double[] lrd, int k)
            implements FittedDetector {
        @Override
        public DetectorKind kind() {
            return DetectorKind.LOCAL_OUTLIER_FACTOR;
        }

        @Override
        public Object export() {
            return model;
        }

        /** LOF of x against the references: mean lrd of its k nearest / its own lrd. */
        @Override
        public double libraryScore(double[] x) {
            double[] z = projection == null ? x : projection.apply(x);
            List<Neighbor<double[], double[]>> nn = nearest(tree, z, k);
            double meanLrd = 0;
            for (Neighbor<double[], double[]> nb : nn) meanLrd += lrd[nb.index];
            meanLrd /= k;
            return meanLrd / density(nn, kDistance, k);
        }
    }
}
