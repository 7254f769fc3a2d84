package org.flowsentry.core.model;

import java.util.List;
import org.flowsentry.schema.DetectorVerdict;
import org.flowsentry.schema.FeatureContribution;
import org.flowsentry.schema.Severity;

/**
 * The ensemble's verdict on one flow. Top features and the explanation are filled in for
 * flagged flows (and for every flow when the scorer is asked to explain all).
 */
public record EnsembleVerdict(
        boolean flagged,
        double score,
        double confidence,
        int votes,
        Severity severity,
        List<DetectorVerdict> detectors,
        List<FeatureContribution> topFeatures,
        String explanation) {}
