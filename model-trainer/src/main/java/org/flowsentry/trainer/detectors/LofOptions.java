package org.flowsentry.trainer.detectors;

/**
 * Hyperparameters of the Local Outlier Factor detector.
 *
 * <p>Scoring searches the k nearest of the reference points for every flow; core's scorer uses a
 * k-d tree, fast in a few dimensions only. Measured on UNSW-NB15 benign flows (57 robust-scaled
 * features, 2 busy cores): 3,000 references in 5 PCA dimensions with k = 10 score in about
 * 2-4 us a flow (a linear scan of 2,000 references in 5 dimensions took 12-20 us; 2,000 in 57
 * dimensions, unprojected, 70-80 us), and detect best among the cheap settings (ROC-AUC benign
 * vs attack 0.92; 0.89 with k = 20, 0.84 with 1,000 references, 0.72 with 500).
 *
 * @param k neighbours per point: 10 follows the local density of small groups of similar flows;
 *     larger k smooths LOF over bigger groups.
 * @param maxReferences most benign rows kept as the reference set (a seeded subsample); model size
 *     and scoring cost grow with it, detection improves up to a few thousand.
 * @param dimensions principal components (Smile's PCA, fitted on the references) the references
 *     and flows are projected on; 0, or at least the feature width, keeps the scaled features
 *     as they are (slow: see above).
 * @param distinct keep only distinct rows as references. Repeated flows are common, and k + 1
 *     copies of a point give it a k-distance of 0 and an enormous density, so a benign flow next
 *     to them gets an enormous LOF.
 */
public record LofOptions(int k, int maxReferences, int dimensions, boolean distinct) {
    public LofOptions {
        if (k < 1) throw new IllegalArgumentException("LOF k must be at least 1: " + k);
        if (maxReferences <= k) {
            throw new IllegalArgumentException("LOF maxReferences must exceed k = " + k + ": " + maxReferences);
        }
        if (dimensions < 0) throw new IllegalArgumentException("LOF dimensions must be >= 0 (0 = no projection): " + dimensions);
    }

    /** Defaults: k = 10, 3,000 distinct references, 5 principal components. */
    public LofOptions() {
        this(10, 3_000, 5, true);
    }
}
