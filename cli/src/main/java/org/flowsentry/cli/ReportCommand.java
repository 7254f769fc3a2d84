package org.flowsentry.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.flowsentry.schema.Detector;
import org.flowsentry.schema.ModelBundle;
import org.flowsentry.trainer.eval.FeatureImportance;
import org.flowsentry.trainer.eval.HtmlReport;
import org.flowsentry.trainer.eval.ReportInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes a self-contained HTML report with plots for a bundle on labelled data. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML page: score distributions, ROC and precision-recall curves, confusion",
                "matrix, alerts by severity, permutation feature importance and anomalies over time."})
final class ReportCommand implements Callable<Integer> {
    @Mixin
    EvaluationRun run;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "HTML file to write.")
    Path out;

    @Option(names = "--importance-rows", defaultValue = "2000", description = "Rows sampled for permutation importance (default: ${DEFAULT-VALUE}).")
    int importanceRows;

    @Override
    public Integer call() throws Exception {
        run.run();
        boolean[] attack = new boolean[run.table.size()];
        for (int i = 0; i < attack.length; i++) attack[i] = run.table.attack(i);
        List<FeatureImportance.Entry> importance = FeatureImportance.permutation(run.scorer, run.table.raw(), attack,
                run.scorer.bundle().getTraining().getSeed(), importanceRows);
        ModelBundle b = run.scorer.bundle();
        String summary = String.format("trained on %,d flows (%,d fitted, %,d calibration) from %s; %d features",
                b.getTraining().getFlows(), b.getTraining().getTrainFlows(), b.getTraining().getCalibrationFlows(),
                String.join(", ", b.getTraining().getSources()), run.scorer.layout().width());
        HtmlReport.write(run.evaluation, run.scored, importance,
                new ReportInfo(b.getModelId(), b.getModelVersion(), run.data.stream().map(Path::toString).toList(), summary,
                        b.getDetectors().stream().filter(d -> !d.getVotes()).map(Detector::getName).collect(Collectors.toSet())), out);
        System.out.printf("wrote %s (ensemble ROC-AUC %.4f on %,d flows)%n", out, run.evaluation.ensemble().rocAuc(),
                run.evaluation.flows().total());
        return 0;
    }
}
