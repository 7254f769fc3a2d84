package org.flowsentry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowsentry.core.bundle.BundleFiles;
import org.flowsentry.core.generate.GeneratorOptions;
import org.flowsentry.schema.ModelBundle;
import org.flowsentry.trainer.DetectorCatalog;
import org.flowsentry.trainer.FeatureTable;
import org.flowsentry.trainer.Trainer;
import org.flowsentry.trainer.TrainerOptions;
import org.flowsentry.trainer.TrainingProgress;

/**
 * Wall time of training the default ensemble, per stage (profile, read, context features, fit and
 * calibrate each detector, write the bundle) and in total: (a) on 100,000 generated flows with
 * host-context features, (b) on UNSW-NB15's training set when the data directory has it. Target:
 * under 60 s each. A plain main, not JMH: a training run is seconds long and runs once.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.flowsentry.bench.TrainingBenchmark [--data DIR] [--flows N]}
 * (DIR defaults to ../shared/data, N to 100000).
 */
public final class TrainingBenchmark {
    static final String UNSW = "unsw-nb15/UNSW_NB15_training-set.csv";

    private TrainingBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path data = Path.of("../shared/data");
        int flows = 100_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--flows" -> flows = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: TrainingBenchmark [--data DIR] [--flows N]");
                    System.exit(2);
                }
            }
        }
        System.out.printf("java %s, %d processors available%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        Path generated = Files.createTempFile("flowsentry-train-bench-", ".avro");
        try {
            // The first N flows of the default day (from midnight: mostly benign, so nearly all are fitted on).
            GeneratorOptions options = GeneratorOptions.defaults().withDuration(Duration.ofHours(24));
            long t0 = System.nanoTime();
            int n = Workloads.writeGenerated(options, flows, generated);
            System.out.printf("%n(generated %,d flows into %s in %.1f s; not part of training)%n", n, generated,
                    (System.nanoTime() - t0) / 1e9);
            run("generated traffic, " + String.format("%,d", n) + " flows, host context", generated, true);
        } finally {
            Files.deleteIfExists(generated);
        }

        Path unsw = data.resolve(UNSW);
        if (Files.isRegularFile(unsw)) {
            run("UNSW-NB15 training set", unsw, null);
        } else {
            System.out.printf("%nUNSW-NB15 skipped: %s is absent (pass --data DIR)%n", unsw.toAbsolutePath().normalize());
        }
    }

    /** Trains the default ensemble on all rows of one file and prints the time of each stage. */
    private static void run(String title, Path file, Boolean context) throws IOException {
        TrainerOptions options = TrainerOptions.DEFAULTS.withContext(context);
        StageTimes times = new StageTimes();
        long start = System.nanoTime();
        FeatureTable table = Workloads.load(List.of(file), options, times);
        ModelBundle bundle = new Trainer(options, DetectorCatalog.create(DetectorCatalog.DEFAULT), times)
                .train(table, table.allRows(), List.of(file.getFileName().toString()), 0L, 1L);
        Path out = Files.createTempFile("flowsentry-train-bench-", ".bundle.avro");
        try {
            times.stage("write bundle", -1);
            BundleFiles.write(bundle, out);
            times.done();
        } finally {
            Files.deleteIfExists(out);
        }
        double total = (System.nanoTime() - start) / 1e9;

        long attacks = java.util.Arrays.stream(table.allRows()).filter(table::attack).count();
        System.out.printf("%n%s: %,d rows (%,d attack), %d features; detectors fitted on %,d benign rows, calibrated on %,d%n",
                title, table.size(), attacks, table.layout().width(), bundle.getTraining().getTrainFlows(),
                bundle.getTraining().getCalibrationFlows());
        double staged = 0;
        for (Map.Entry<String, Double> e : times.seconds.entrySet()) {
            System.out.printf("  %-36s %8.2f s%n", e.getKey(), e.getValue());
            staged += e.getValue();
        }
        System.out.printf("  %-36s %8.2f s%n", "other (scaler fit, scaling, split)", total - staged);
        System.out.printf("  %-36s %8.2f s  (target < 60 s)%n", "total", total);
    }

    /** Records the wall time of each stage the trainer reports. */
    private static final class StageTimes implements TrainingProgress {
        final Map<String, Double> seconds = new LinkedHashMap<>();
        private String current;
        private long startedNs;

        @Override
        public void stage(String name, long total) {
            current = name;
            startedNs = System.nanoTime();
        }

        @Override
        public void stepTo(long done) {}

        @Override
        public void done() {
            seconds.merge(current, (System.nanoTime() - startedNs) / 1e9, Double::sum);
        }
    }
}
