package org.flowsentry.trainer;

import org.flowsentry.core.flow.Labels;

/**
 * How the ensemble is trained and calibrated. Immutable; validated on construction.
 *
 * @param seed random seed: the same seed and data give the same bundle
 * @param benignLabel the label of benign rows when the data is labelled
 * @param contamination share of benign (held-out) flows each detector may flag: its threshold is
 *     the (1 - contamination) quantile of benign scores; without labels, the expected share of
 *     anomalies in the training data
 * @param calibrationShare share of the benign training rows held out for calibration
 * @param maxTrainRows most rows the detectors are fitted on (a seeded sample beyond that)
 * @param minVotes detectors that must vote to flag a flow
 * @param mediumVotes votes for MEDIUM severity
 * @param highVotes votes for HIGH severity
 * @param context null = use host-context features when the data has times and addresses
 */
public record TrainerOptions(long seed, String benignLabel, double contamination, double calibrationShare,
                             int maxTrainRows, int minVotes, int mediumVotes, int highVotes, Boolean context,
                             String modelId) {
    public static final TrainerOptions DEFAULTS =
            new TrainerOptions(1L, Labels.BENIGN, 0.01, 0.2, 100_000, 2, 3, 4, null, "flowsentry");

    public TrainerOptions {
        if (benignLabel == null || benignLabel.isBlank()) throw new IllegalArgumentException("benignLabel must not be empty");
        if (!(contamination > 0 && contamination < 0.5)) {
            throw new IllegalArgumentException("contamination must be in (0, 0.5): " + contamination);
        }
        if (!(calibrationShare > 0 && calibrationShare < 0.9)) {
            throw new IllegalArgumentException("calibrationShare must be in (0, 0.9): " + calibrationShare);
        }
        if (maxTrainRows < 100) throw new IllegalArgumentException("maxTrainRows must be at least 100: " + maxTrainRows);
        if (minVotes < 1 || mediumVotes < minVotes || highVotes < mediumVotes) {
            throw new IllegalArgumentException("votes must satisfy 1 <= minVotes <= mediumVotes <= highVotes: "
                    + minVotes + ", " + mediumVotes + ", " + highVotes);
        }
        if (modelId == null || modelId.isBlank()) throw new IllegalArgumentException("modelId must not be empty");
    }

    public TrainerOptions withSeed(long s) {
        return new TrainerOptions(s, benignLabel, contamination, calibrationShare, maxTrainRows, minVotes, mediumVotes, highVotes, context, modelId);
    }

    public TrainerOptions withBenignLabel(String b) {
        return new TrainerOptions(seed, b, contamination, calibrationShare, maxTrainRows, minVotes, mediumVotes, highVotes, context, modelId);
    }

    public TrainerOptions withContamination(double c) {
        return new TrainerOptions(seed, benignLabel, c, calibrationShare, maxTrainRows, minVotes, mediumVotes, highVotes, context, modelId);
    }

    public TrainerOptions withVotes(int min, int medium, int high) {
        return new TrainerOptions(seed, benignLabel, contamination, calibrationShare, maxTrainRows, min, medium, high, context, modelId);
    }

    public TrainerOptions withContext(Boolean c) {
        return new TrainerOptions(seed, benignLabel, contamination, calibrationShare, maxTrainRows, minVotes, mediumVotes, highVotes, c, modelId);
    }

    public TrainerOptions withModelId(String id) {
        return new TrainerOptions(seed, benignLabel, contamination, calibrationShare, maxTrainRows, minVotes, mediumVotes, highVotes, context, id);
    }

    public TrainerOptions withMaxTrainRows(int n) {
        return new TrainerOptions(seed, benignLabel, contamination, calibrationShare, n, minVotes, mediumVotes, highVotes, context, modelId);
    }
}
