package org.flowsentry.trainer.detectors;

/**
 * Hyperparameters of the supervised random forest (attack vs benign), kept small because the
 * job scores every flow with it: at most trees x (2 x maxNodes - 1) exported nodes and
 * trees x maxDepth comparisons a flow.
 *
 * @param trees number of trees; 100 is where out-of-bag error on flow datasets stops improving
 * @param maxDepth depth limit of each tree; 12 is deep enough for the attack/benign boundary of
 *     scaled flow features and bounds a flow's path
 * @param maxNodes most leaves of each tree (Smile grows best splits first); 128 leaves, at most
 *     255 nodes a tree, keep leaves populous (hundreds of rows at 50,000 samples), so their attack
 *     probabilities are estimates rather than memorised rows
 * @param nodeSize smallest node Smile still splits; 5 is Smile's default for classification
 * @param mtry features tried at each split; 0 means floor(sqrt(d)), Breiman's choice for classification
 * @param subsample rows drawn for each tree, as a fraction of the training rows: 1.0 is the
 *     classic bootstrap (with replacement), below 1 Smile samples without replacement
 * @param maxSamples most training rows (a seeded random subset of larger inputs); 50,000 rows
 *     fill 128 leaves many times over and halve the fit time of 100,000-row training sets
 */
public record RandomForestOptions(int trees, int maxDepth, int maxNodes, int nodeSize, int mtry, double subsample,
        int maxSamples) {

    public RandomForestOptions {
        if (trees < 1 || trees > 10_000) {
            throw new IllegalArgumentException("random forest trees must be in 1..10000, got " + trees);
        }
        if (maxDepth < 2 || maxDepth > 64) {
            throw new IllegalArgumentException("random forest maxDepth must be in 2..64, got " + maxDepth);
        }
        if (maxNodes < 2) {
            throw new IllegalArgumentException("random forest maxNodes must be at least 2, got " + maxNodes);
        }
        if (nodeSize < 1) {
            throw new IllegalArgumentException("random forest nodeSize must be at least 1, got " + nodeSize);
        }
        if (mtry < 0) {
            throw new IllegalArgumentException("random forest mtry must be >= 0 (0 = sqrt of the features), got " + mtry);
        }
        if (!(subsample > 0 && subsample <= 1)) {
            throw new IllegalArgumentException("random forest subsample must be in (0, 1], got " + subsample);
        }
        if (maxSamples < 2) {
            throw new IllegalArgumentException("random forest maxSamples must be at least 2, got " + maxSamples);
        }
    }

    /** 100 trees of at most 128 leaves and depth 12, sqrt(d) features a split, bootstrap samples of up to 50,000 rows. */
    public static RandomForestOptions defaults() {
        return new RandomForestOptions(100, 12, 128, 5, 0, 1.0, 50_000);
    }
}
