package org.flowsentry.trainer.detectors;

/**
 * Hyperparameters of the one-class SVM with a Gaussian kernel.
 *
 * @param maxRows most benign rows it is fitted on (a seeded subsample). Smile's SMO keeps the full
 *     n x n kernel matrix, so time and memory grow as n^2: 2,000 rows take about a second and
 *     32 MB; 10,000 is the hard limit (800 MB).
 * @param nu upper bound on the fraction of training rows left outside the boundary and lower
 *     bound on the fraction that become support vectors. Scoring costs support vectors x
 *     features per flow, so it is small: 0.01 of 2,000 rows gives about 30 support vectors.
 * @param tolerance SMO convergence tolerance.
 * @param sigma width of the Gaussian kernel exp(-|x - v|^2 / (2 sigma^2)); 0 picks the median
 *     distance between pairs of (distinct) subsample rows, the usual heuristic: it adapts to the
 *     width and spread of the scaled features.
 */
public record OneClassSvmOptions(int maxRows, double nu, double tolerance, double sigma) {
    /** Largest subsample: the kernel matrix of 10,000 rows already takes 800 MB. */
    public static final int MAX_ROWS_LIMIT = 10_000;

    public OneClassSvmOptions {
        if (maxRows < 2 || maxRows > MAX_ROWS_LIMIT) {
            throw new IllegalArgumentException("one-class SVM maxRows must be in 2.." + MAX_ROWS_LIMIT
                    + " (training keeps an n x n kernel matrix): " + maxRows);
        }
        if (!(nu > 0 && nu <= 1)) throw new IllegalArgumentException("one-class SVM nu must be in (0, 1]: " + nu);
        if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("one-class SVM tolerance must be positive and finite: " + tolerance);
        }
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("one-class SVM sigma must be finite and >= 0 (0 = median heuristic): " + sigma);
        }
    }

    /** Defaults: 2,000 rows, nu = 0.01, tolerance 1e-3 (Smile's), sigma by the median heuristic. */
    public OneClassSvmOptions() {
        this(2_000, 0.01, 1e-3, 0.0);
    }
}
