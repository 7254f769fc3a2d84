package org.flowsentry.core.model;

/**
 * One detector of a bundle, scoring scaled feature vectors. Implementations are immutable and
 * thread-safe: the job calls them for every flow. A scorer that needs working arrays takes them
 * from a {@link Scratch} the caller keeps, so that scoring allocates nothing; {@link #score(double[])}
 * makes a fresh one per call. An implementation overrides one of the two score methods (each
 * default calls the other): {@code score(x, scratch)} with {@link #newScratch()} when it has
 * working arrays, {@code score(x)} when it has none.
 */
public interface DetectorScorer {
    /** Raw anomaly score of a scaled feature vector: higher means more anomalous. */
    default double score(double[] x) {
        return score(x, newScratch());
    }

    /**
     * The same score as {@link #score(double[])}, computed in scratch, which must come from this
     * scorer's {@link #newScratch()} and be used by one thread at a time.
     */
    default double score(double[] x, Scratch scratch) {
        return score(x);
    }

    /**
     * For callers that only ask whether the score reaches {@code floor} (the ensemble's decision,
     * with floor the lowest score that votes): the score, as {@link #score(double[], Scratch)}
     * gives it, or {@link Double#NEGATIVE_INFINITY} when the scorer showed before finishing that the
     * score is below floor. Never -infinity for a score at or above floor, whatever the rounding;
     * a NaN floor never stops. The default finishes every time.
     */
    default double scoreAtLeast(double[] x, Scratch scratch, double floor) {
        return score(x, scratch);
    }

    /**
     * The score of x after {@link #scoreAtLeast} stopped early on it in this scratch (returned
     * -infinity), for a caller that needs it after all: equal to {@link #score(double[], Scratch)}'s.
     * A scorer that keeps where it stopped in its scratch goes on from there; the default starts anew.
     */
    default double finishScore(double[] x, Scratch scratch) {
        return score(x, scratch);
    }

    /** Working arrays for {@link #score(double[], Scratch)}; null when this scorer needs none. */
    default Scratch newScratch() {
        return null;
    }

    /** A scorer's working arrays, reused from flow to flow by one thread; each scorer has its own kind. */
    interface Scratch {}
}
