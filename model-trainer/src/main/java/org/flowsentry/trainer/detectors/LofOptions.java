package org.flowsentry.trainer.detectors;

/**
 * Hyperparameters of the Local Outlier Factor detector.
 *
 * <p>Scoring searches the k nearest of the reference points for every flow; core's scorer uses a
 * k-d tree, fast in a few dimensions only. Measured (core scorer, one thread, 2 shared cores):
 * 3,000 references in 4 PCA dimensions with k = 10 take about 3 us a flow on UNSW-NB15 (57
 * robust-scaled features; benign vs attack ROC-AUC 0.91) and about 5 us on 60-d Gaussian clusters,
 * a worst case for the tree (isotropic noise fills the projected space); 5 dimensions cost 10-30%
 * more for no better detection. A linear scan of 2,000 references in 5 dimensions took 12-20 us,
 * and 2,000 unprojected 57-d references 70-80 us. Detection drops with fewer references (AUC about
 * 0.84 with 1,000, 0.72 with 500) and with k = 20 (about 0.02 lower).
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

    /** Defaults: k = 10, 3,000 distinct references, 4 principal components. */
    public LofOptions() {
        this(10, 3_000, 4, true);
    }
}
