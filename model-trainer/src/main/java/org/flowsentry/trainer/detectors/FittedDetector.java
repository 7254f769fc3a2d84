package org.flowsentry.trainer.detectors;

import org.flowsentry.schema.DetectorKind;

/** A detector fitted with Smile: its portable export for the bundle, and the library's own score. */
public interface FittedDetector {

    DetectorKind kind();

    /**
     * The portable model for the bundle: one of IsolationForestModel, KernelModel, LofModel,
     * AutoencoderModel, KMeansModel, ForestModel. core's scorer of this export must give the same
     * score as {@link #libraryScore} (parity tests, within 1e-9).
     */
    Object export();

    /** The fitted library model's own anomaly score of a scaled vector; higher is more anomalous. */
    double libraryScore(double[] x);
}
