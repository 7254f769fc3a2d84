package org.flowsentry.core.model;

import java.util.List;
import org.flowsentry.schema.AutoencoderModel;
import org.flowsentry.schema.Detector;
import org.flowsentry.schema.ForestModel;
import org.flowsentry.schema.IsolationForestModel;
import org.flowsentry.schema.KMeansModel;
import org.flowsentry.schema.KernelModel;
import org.flowsentry.schema.LofModel;

/** Builds the scorer of a bundle's detector, checking it fits the feature width. */
public final class DetectorScorers {
    /**
     * Model kinds by their cost per flow, cheapest first (JMH, README Speed: k-means 0.55 µs, SVM
     * 0.87, autoencoder 1.41, isolation forest 1.96, LOF 2.08 and up to 4 in the job): the order in
     * which an ensemble that may stop early evaluates its detectors, so what it skips is the dearest.
     */
    private static final List<Class<?>> CHEAPEST_FIRST = List.of(KMeansModel.class, KernelModel.class, AutoencoderModel.class,
            IsolationForestModel.class, ForestModel.class, LofModel.class);

    private DetectorScorers() {}

    /** The detector's place in {@link #CHEAPEST_FIRST}; unknown kinds last. */
    static int costRank(Detector detector) {
        int i = CHEAPEST_FIRST.indexOf(detector.getModel().getClass());
        return i < 0 ? CHEAPEST_FIRST.size() : i;
    }

    /** @throws IllegalArgumentException when the model is inconsistent or does not fit the width */
    public static DetectorScorer create(Detector detector, int width) {
        Object m = detector.getModel();
        try {
            if (m instanceof IsolationForestModel f) return new IsolationForestScorer(f, width);
            if (m instanceof KernelModel k) return new KernelScorer(k, width);
            if (m instanceof LofModel l) return new LofScorer(l, width);
            if (m instanceof AutoencoderModel a) return new AutoencoderScorer(a, width);
            if (m instanceof KMeansModel k) return new KMeansScorer(k, width);
            if (m instanceof ForestModel f) return new ForestScorer(f, width);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("detector '" + detector.getName() + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("detector '" + detector.getName() + "' has an unknown model type "
                + (m == null ? "null" : m.getClass().getSimpleName()));
    }
}
