package org.flowsentry.trainer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.model.EnsembleScorer;
import org.flowsentry.schema.ModelBundle;
import org.flowsentry.trainer.DetectorCatalog;
import org.flowsentry.trainer.FeatureTable;
import org.flowsentry.trainer.Trainer;
import org.flowsentry.trainer.TrainerOptions;
import org.flowsentry.trainer.TrainingProgress;
import org.flowsentry.trainer.eval.Evaluation;
import org.flowsentry.trainer.eval.Metrics;

/**
 * The detection-quality protocol of the README, on the real datasets: NSL-KDD (train on the
 * benign rows of KDDTrain+_20Percent, test on KDDTest+), UNSW-NB15 and the CIC-IDS2017 web-attack
 * subset (each split 50/50 by a seeded shuffle, trained on the benign rows of one half, tested on
 * the other). Reports every detector's and the ensemble's ROC-AUC next to scikit-learn's.
 */
public final class QualityBenchmark {

    /** One dataset's protocol and scikit-learn's results on it (default detectors, same protocol). */
    public record Protocol(String name, List<String> trainFiles, List<String> testFiles, double sklearnBestSingle,
                           String sklearnBestDetector, double sklearnRankAverage) {
        boolean split() {
            return testFiles.isEmpty();
        }
    }

    public static final List<Protocol> PROTOCOLS = List.of(
            new Protocol("NSL-KDD", List.of("nsl-kdd/KDDTrain+_20Percent.txt"), List.of("nsl-kdd/KDDTest+.txt"),
                    0.948, "isolation forest", 0.955),
            new Protocol("UNSW-NB15", List.of("unsw-nb15/UNSW_NB15_training-set.csv"), List.of(), 0.88, "LOF", 0.82),
            new Protocol("CIC-IDS2017 web attacks", List.of("cic-ids2017/Thursday-WebAttacks_balanced_subset.csv"), List.of(),
                    0.80, "k-means distance", 0.69));

    /** What one protocol measured. */
    public record Result(Protocol protocol, int trainFlows, int testFlows, double trainSeconds,
                         Map<String, Double> rocAuc, Metrics ensemble) {
        public double ensembleRocAuc() {
            return ensemble.rocAuc();
        }
    }

    private QualityBenchmark() {}

    public static Result run(Protocol p, Path dataRoot, TrainerOptions options, TrainingProgress progress) throws IOException {
        List<Path> train = resolve(dataRoot, p.trainFiles());
        List<Path> test = resolve(dataRoot, p.testFiles());
        FeatureLayout layout = FeatureTable.chooseLayout(FeatureTable.profile(train, null, null, progress), options.context());
        FeatureTable trainTable = FeatureTable.load(train, null, null, null, layout, progress);
        int[] trainRows = trainTable.allRows();
        FeatureTable testTable = trainTable;
        int[] testRows;
        if (p.split()) {
            int[][] halves = FeatureTable.split(trainTable.allRows(), 0.5, options.seed());
            trainRows = halves[0];
            testRows = halves[1];
        } else {
            testTable = FeatureTable.load(test, null, null, null, layout, progress);
            testRows = testTable.allRows();
        }
        long start = System.nanoTime();
        ModelBundle bundle = new Trainer(options, DetectorCatalog.create(DetectorCatalog.DEFAULT), progress)
                .train(trainTable, trainRows, p.trainFiles(), 0L, 1L);
        double seconds = (System.nanoTime() - start) / 1e9;
        EnsembleScorer scorer = EnsembleScorer.of(bundle);
        Evaluation e = Evaluation.of(scorer.detectorNames(), testTable.score(scorer, testRows, progress));
        Map<String, Double> auc = new LinkedHashMap<>();
        e.detectors().forEach((name, m) -> auc.put(name, m.rocAuc()));
        return new Result(p, trainRows.length, testRows.length, seconds, auc, e.ensemble());
    }

    private static List<Path> resolve(Path root, List<String> files) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String f : files) {
            Path p = root.resolve(f);
            if (!Files.isRegularFile(p)) throw new IOException("dataset file " + p + " is absent (the benchmark reads ../shared/data)");
            out.add(p);
        }
        return out;
    }
}
