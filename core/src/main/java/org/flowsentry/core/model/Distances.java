package org.flowsentry.core.model;

/** Scratch of the scorers that measure a vector's squared distance to each of a fixed set of points. */
final class Distances implements DetectorScorer.Scratch {
    final double[] values;

    Distances(int points) {
        values = new double[points];
    }
}
