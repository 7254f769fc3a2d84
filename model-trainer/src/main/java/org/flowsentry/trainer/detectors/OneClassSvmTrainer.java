package org.flowsentry.trainer.detectors;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.flowsentry.schema.DetectorKind;
import org.flowsentry.schema.KernelModel;
import smile.anomaly.SVM;
import smile.math.MathEx;
import smile.math.kernel.GaussianKernel;

/** Fits Smile's one-class SVM with a Gaussian kernel on a seeded subsample and exports it as a {@link KernelModel}. */
public final class OneClassSvmTrainer implements DetectorTrainer {
    /** Rows of the subsample whose pairwise distances give the median-heuristic sigma (about 500,000 pairs). */
    static final int SIGMA_ROWS = 1_000;

    private final OneClassSvmOptions options;

    public OneClassSvmTrainer(OneClassSvmOptions options) {
        if (options == null) throw new IllegalArgumentException("options is null");
        this.options = options;
    }

    public OneClassSvmTrainer() {
        this(new OneClassSvmOptions());
    }

    public OneClassSvmOptions options() {
        return options;
    }

    @Override
    public DetectorKind kind() {
        return DetectorKind.ONE_CLASS_SVM;
    }

    @Override
    public String name() {
        return "one_class_svm";
    }

    @Override
    public FittedDetector fit(double[][] x, boolean[] attack, long seed) {
        int d = DetectorArrays.width(x);
        double[][] rows = DetectorArrays.sample(x, options.maxRows(), new SplittableRandom(seed));
        if (Math.round(options.nu() * rows.length) < 1) {
            throw new IllegalArgumentException("one-class SVM needs nu x rows >= 0.5 (Smile starts from round(nu n) "
                    + "support vectors): nu = " + options.nu() + ", rows = " + rows.length);
        }
        double sigma = options.sigma() > 0 ? options.sigma() : medianDistance(rows);
        MathEx.setSeed(seed); // SMO starts from a random permutation drawn from this thread's generator
        SVM<double[]> svm = SVM.fit(rows, new GaussianKernel(sigma), options.nu(), options.tolerance());
        KernelModel model = KernelModel.newBuilder()
                .setDimension(d)
                .setGamma(1.0 / (2 * sigma * sigma)) // Smile's kernel: exp(-0.5 |x - v|^2 / sigma^2)
                .setSupportVectors(DetectorArrays.rowMajor(svm.vectors()))
                .setWeights(DetectorArrays.boxed(svm.weights()))
                .setIntercept(svm.intercept())
                .setNegate(true) // Smile's decision value is positive inside the boundary (normal)
                .build();
        return new Fitted(svm, model);
    }

    /**
     * Median of the non-zero distances between pairs of the first {@link #SIGMA_ROWS} rows (the
     * rows are a random sample already); 1 when all of them are equal. Zero distances are left
     * out because repeated flows would otherwise pull the median, and the kernel width, to 0.
     */
    static double medianDistance(double[][] rows) {
        int m = Math.min(rows.length, SIGMA_ROWS);
        double[] distances = new double[m * (m - 1) / 2];
        int count = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                double dist = MathEx.distance(rows[i], rows[j]);
                if (dist > 0) distances[count++] = dist;
            }
        }
        if (count == 0) return 1.0;
        Arrays.sort(distances, 0, count);
        return distances[count / 2];
    }

    private record Fitted(SVM<double[]> svm, KernelModel model) implements FittedDetector {
        @Override
        public DetectorKind kind() {
            return DetectorKind.ONE_CLASS_SVM;
        }

        @Override
        public Object export() {
            return model;
        }

        @Override
        public double libraryScore(double[] x) {
            return -svm.score(x);
        }
    }
}
