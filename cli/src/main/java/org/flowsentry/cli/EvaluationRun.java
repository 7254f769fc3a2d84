package org.flowsentry.cli;

import java.nio.file.Path;
import java.util.List;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.ingest.FlowFormats;
import org.flowsentry.core.model.EnsembleScorer;
import org.flowsentry.trainer.FeatureTable;
import org.flowsentry.trainer.eval.Evaluation;
import org.flowsentry.trainer.eval.ScoredFlow;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Scoring labelled data with a bundle: shared by `evaluate` and `report`. */
final class EvaluationRun {
    @Mixin
    ModelOptions model;

    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE", description = "Labelled test data files.")
    List<Path> data;

    @Option(names = "--format", paramLabel = "ID", description = "Input format (default: detected per file).")
    String format;

    @Option(names = "--label", paramLabel = "LABEL", description = "Ground-truth label for flows that carry none.")
    String defaultLabel;

    @Option(names = "--benign-label", defaultValue = Labels.BENIGN, paramLabel = "LABEL",
            description = "Label of benign flows (default: ${DEFAULT-VALUE}).")
    String benignLabel;

    EnsembleScorer scorer;
    FeatureTable table;
    List<ScoredFlow> scored;
    Evaluation evaluation;

    /** Loads the model, computes the model's features over the data in event-time order, scores every flow. */
    void run() throws Exception {
        scorer = model.load();
        StageProgress progress = new StageProgress();
        table = FeatureTable.load(data, format == null ? null : FlowFormats.require(format), defaultLabel, benignLabel,
                scorer.layout(), progress);
        scored = table.score(scorer, table.allRows(), progress);
        evaluation = Evaluation.of(scorer.detectorNames(), scored);
    }
}
