package org.flowsentry.core.model;

/**
 * One detector of a bundle, scoring scaled feature vectors. Implementations are immutable,
 * thread-safe and allocation-free per call where possible: the job calls them for every flow.
 */
public interface DetectorScorer {
    /** Raw anomaly score of a scaled feature vector: higher means more anomalous. */
    double score(double[] x);
}
