package org.flowsentry.trainer.detectors;

/**
 * Hyperparameters of the isolation forest.
 *
 * @param trees number of isolation trees; 100 is where the paper's path lengths converge, and
 *     scoring visits at most trees x (maxDepth + 1) nodes
 * @param sampleSize rows drawn without replacement for each tree (all rows when fewer); 256 is
 *     the paper's default: small samples isolate anomalies best (less swamping and masking) and
 *     bound each tree to at most 2 x 256 - 1 nodes
 * @param maxDepth depth at which a branch stops growing; ceil(log2(256)) = 8, the paper's limit,
 *     because only anomalies need to be isolated (deeper branches get the c(n) estimate)
 * @param extensionLevel Smile's hyperplane extension level: 0 is the standard axis-parallel
 *     forest (one feature per split, cheap to score); d - 1 is fully extended (dense hyperplanes,
 *     Smile's default, about 60 multiply-adds per node at 60 features)
 */
public record IsolationForestOptions(int trees, int sampleSize, int maxDepth, int extensionLevel) {

    public IsolationForestOptions {
        if (trees < 1 || trees > 10_000) {
            throw new IllegalArgumentException("isolation forest trees must be in 1..10000, got " + trees);
        }
        if (sampleSize < 2) {
            throw new IllegalArgumentException("isolation forest sampleSize must be at least 2, got " + sampleSize);
        }
        if (maxDepth < 1 || maxDepth > 64) {
            throw new IllegalArgumentException("isolation forest maxDepth must be in 1..64, got " + maxDepth);
        }
        if (extensionLevel < 0) {
            throw new IllegalArgumentException("isolation forest extensionLevel must be >= 0, got " + extensionLevel);
        }
    }

    /** 100 axis-parallel trees on samples of 256 rows, depth limit 8. */
    public static IsolationForestOptions defaults() {
        return new IsolationForestOptions(100, 256, 8, 0);
    }
}
