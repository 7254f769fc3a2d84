package org.flowsentry.trainer.eval;

import java.util.Objects;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.model.EnsembleVerdict;

/**
 * One flow of a test set after scoring: ground-truth label (null = unknown), attack category
 * (nullable), event time in epoch ms (null when the dataset has none) and the ensemble's verdict.
 */
public record ScoredFlow(String label, String category, Long eventTimeMs, EnsembleVerdict verdict) {
    public ScoredFlow {
        Objects.requireNonNull(verdict, "verdict");
    }

    /** False for flows of unknown ground truth: they are counted but kept out of the metrics. */
    public boolean labelled() {
        return label != null;
    }

    public boolean attack() {
        return Labels.isAttack(label);
    }

    /** The group of an attack for per-category recall: its category, else its label (datasets without categories); null for non-attacks. */
    public String attackGroup() {
        if (!attack()) return null;
        return category != null ? category : label;
    }
}
