package org.flowsentry.trainer.eval;

import java.util.List;
import java.util.Objects;

/**
 * What the evaluation report says about the model: its id and version, the data it was
 * evaluated on, and a free-text training summary (shown as written, line breaks kept).
 */
public record ReportInfo(String modelId, long modelVersion, List<String> dataSources, String trainingSummary) {
    public ReportInfo {
        Objects.requireNonNull(modelId, "modelId");
        dataSources = List.copyOf(dataSources);
        trainingSummary = trainingSummary == null ? "" : trainingSummary;
    }
}
