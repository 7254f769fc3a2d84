package org.flowsentry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowsentry.trainer.eval.Evaluation;
import org.flowsentry.trainer.eval.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Measures a bundle on labelled data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Measure a model on labelled flows: ROC-AUC, PR-AUC, precision, recall, F1 and accuracy at the calibrated",
                "thresholds for each detector and the ensemble, the confusion matrix and recall per attack category."})
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    EvaluationRun run;

    @Option(names = "--json", description = "Print the metrics as JSON: {ensemble, detectors, per_category, flows, severity}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        run.run();
        Evaluation e = run.evaluation;
        if (json) {
            System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(e.toJson()));
            return 0;
        }
        System.out.printf("%s v%d on %,d flows (%,d benign, %,d attack, %,d unlabelled)%n%n", run.scorer.modelId(),
                run.scorer.modelVersion(), e.flows().total(), e.flows().benign(), e.flows().attack(),
                e.flows().total() - e.flows().labelled());
        System.out.printf("%-20s %8s %8s %9s %8s %8s %8s%n", "", "ROC-AUC", "PR-AUC", "precision", "recall", "F1", "accuracy");
        for (Map.Entry<String, Metrics> d : e.detectors().entrySet()) row(d.getKey(), d.getValue());
        row("ENSEMBLE", e.ensemble());
        Metrics m = e.ensemble();
        System.out.printf("%nensemble confusion    predicted attack  predicted benign%n");
        System.out.printf("  actual attack       %,16d  %,16d%n", m.tp(), m.fn());
        System.out.printf("  actual benign       %,16d  %,16d%n", m.fp(), m.tn());
        if (!e.perCategory().isEmpty()) {
            System.out.printf("%nrecall per attack category (ensemble)%n");
            e.perCategory().forEach((cat, r) -> System.out.printf("  %-30s %,10d flows  %6.1f%%%n", cat, r.flows(), 100 * r.recall()));
        }
        System.out.printf("%nalerts by severity: %s%n", e.severity());
        return 0;
    }

    private static void row(String name, Metrics m) {
        System.out.printf("%-20s %8s %8s %9s %8s %8s %8s%n", name, f(m.rocAuc()), f(m.prAuc()), f(m.precision()), f(m.recall()),
                f(m.f1()), f(m.accuracy()));
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.4f", v);
    }
}
