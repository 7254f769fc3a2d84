package org.flowsentry.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowsentry.trainer.TrainerOptions;
import org.flowsentry.trainer.bench.QualityBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Measures detection quality on the real datasets, next to scikit-learn's numbers. */
@Command(name = "benchmark-quality", mixinStandardHelpOptions = true,
        description = {"Train and test the ensemble on NSL-KDD, UNSW-NB15 and the CIC-IDS2017 web-attack subset (the README's",
                "protocol) and print each detector's and the ensemble's ROC-AUC next to scikit-learn's default detectors."})
final class BenchmarkCommand implements Callable<Integer> {
    @Option(names = "--data-root", defaultValue = "../shared/data", paramLabel = "DIR",
            description = "Folder with the datasets (default: ${DEFAULT-VALUE}).")
    Path dataRoot;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of splits and training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        TrainerOptions options = TrainerOptions.DEFAULTS.withSeed(seed);
        System.out.printf("%-26s %-22s %9s %12s%n", "dataset", "detector", "ROC-AUC", "scikit-learn");
        for (QualityBenchmark.Protocol p : QualityBenchmark.PROTOCOLS) {
            QualityBenchmark.Result r = QualityBenchmark.run(p, dataRoot, options, new StageProgress());
            for (Map.Entry<String, Double> d : r.rocAuc().entrySet()) {
                System.out.printf("%-26s %-22s %9.4f%n", p.name(), d.getKey(), d.getValue());
            }
            System.out.printf("%-26s %-22s %9.4f %12s%n", p.name(), "ENSEMBLE", r.ensembleRocAuc(),
                    String.format("%.3f / %.3f", p.sklearnBestSingle(), p.sklearnRankAverage()));
            System.out.printf("%-26s trained on %,d flows in %.1f s, tested on %,d (precision %.3f, recall %.3f, F1 %.3f)%n%n",
                    "", r.trainFlows(), r.trainSeconds(), r.testFlows(), r.ensemble().precision(), r.ensemble().recall(), r.ensemble().f1());
        }
        System.out.println("scikit-learn column: best single default detector / rank-averaged ensemble of the same five.");
        return 0;
    }
}
