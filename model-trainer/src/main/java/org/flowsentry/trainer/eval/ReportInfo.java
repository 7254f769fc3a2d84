package org.flowsentry.trainer.eval;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the evaluation report says about the model: its id and version, the data it was
 * evaluated on, a free-text training summary (shown as written, line breaks kept), and the
 * detectors that are reported but do not vote in the ensemble (the supervised forest).
 */
public record ReportInfo(String modelId, long modelVersion, List<String> dataSources, String trainingSummary,
        Set<String> nonVotingDetectors) {
    public ReportInfo {
        Objects.requireNonNull(modelId, "modelId");
        dataSources = List.copyOf(dataSources);
        nonVotingDetectors = Set.copyOf(nonVotingDetectors);
        trainingSummary = trainingSummary == null ? "" : trainingSummary;
    }
}
