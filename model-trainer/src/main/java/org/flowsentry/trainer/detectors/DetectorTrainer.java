package org.flowsentry.trainer.detectors;

import org.flowsentry.schema.DetectorKind;

/**
 * Fits one kind of detector on scaled feature vectors. Implementations hold validated
 * hyperparameters (an options record) and are immutable; the same seed gives the same model.
 */
public interface DetectorTrainer {

    DetectorKind kind();

    /** Name in bundles, reports and alerts, e.g. "isolation_forest". */
    String name();

    /** True for detectors that learn from labels (the optional random forest); they never vote by default. */
    default boolean supervised() {
        return false;
    }

    /**
     * @param x scaled training vectors (benign only for unsupervised detectors)
     * @param attack for supervised detectors, whether each row is an attack; null otherwise
     * @param seed random seed: the same seed and data give the same model
     */
    FittedDetector fit(double[][] x, boolean[] attack, long seed);
}
