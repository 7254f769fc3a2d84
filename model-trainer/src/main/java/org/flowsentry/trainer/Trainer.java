package org.flowsentry.trainer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.features.FeatureScaler;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.model.Calibrator;
import org.flowsentry.core.model.DetectorScorer;
import org.flowsentry.core.model.DetectorScorers;
import org.flowsentry.schema.Calibration;
import org.flowsentry.schema.Detector;
import org.flowsentry.schema.EnsembleSettings;
import org.flowsentry.schema.LabelCount;
import org.flowsentry.schema.ModelBundle;
import org.flowsentry.schema.TrainingSummary;
import org.flowsentry.trainer.detectors.DetectorTrainer;
import org.flowsentry.trainer.detectors.FittedDetector;

/**
 * Trains the ensemble: fits the scaler and every detector on benign rows (all rows when the data
 * has no labels), calibrates each detector on held-out benign rows with core's own scorer (so
 * calibration sees exactly what production computes), and assembles the bundle.
 */
public final class Trainer {
    /** Quantiles stored per detector calibration. */
    static final int CALIBRATION_POINTS = 1001;
    /** Scaled values are clipped here: keeps distance- and kernel-based detectors stable on extreme flows. */
    static final double SCALER_CLIP = 50.0;

    private final TrainerOptions options;
    private final List<DetectorTrainer> detectors;
    private final TrainingProgress progress;

    public Trainer(TrainerOptions options, List<DetectorTrainer> detectors, TrainingProgress progress) {
        if (detectors.isEmpty()) throw new IllegalArgumentException("no detectors to train");
        long voting = detectors.stream().filter(d -> !d.supervised()).count();
        if (voting < options.minVotes()) {
            throw new IllegalArgumentException(voting + " unsupervised detector(s) cannot reach minVotes " + options.minVotes());
        }
        this.options = options;
        this.detectors = List.copyOf(detectors);
        this.progress = progress;
    }

    /**
     * Trains on the given rows of the table.
     *
     * @param sources names of the data the rows came from, for the bundle's summary
     * @param createdAtMs creation time written into the bundle
     * @param version model version (newer bundles must have larger versions)
     */
    public ModelBundle train(FeatureTable table, int[] rows, List<String> sources, long createdAtMs, long version) {
        boolean labelled = Arrays.stream(rows).anyMatch(table::labelled);
        int[] benign = labelled ? Arrays.stream(rows).filter(i -> Labels.isBenign(table.flow(i).getLabel())).toArray() : rows.clone();
        if (benign.length < 50) {
            throw new IllegalArgumentException("only " + benign.length + " benign training flows; need at least 50"
                    + (labelled ? " (is the benign label '" + options.benignLabel() + "'?)" : ""));
        }
        int[][] parts = FeatureTable.split(benign, 1.0 - options.calibrationShare(), options.seed());
        int[] fitRows = sample(parts[0], options.maxTrainRows(), options.seed() + 1);
        int[] calibrationRows = parts[1];

        FeatureLayout layout = table.layout();
        boolean[] log = new boolean[layout.width()];
        for (int j = 0; j < layout.width(); j++) log[j] = layout.names().get(j).startsWith("x."); // dataset columns are raw
        FeatureScaler scaler = FeatureScaler.fit(select(table.raw(), fitRows), log, SCALER_CLIP);
        double[][] xFit = scale(scaler, table, fitRows);
        double[][] xCal = scale(scaler, table, calibrationRows);

        List<Detector> exported = new ArrayList<>();
        for (DetectorTrainer d : detectors) {
            FittedDetector fitted;
            if (d.supervised()) {
                if (!labelled || Arrays.stream(rows).noneMatch(table::attack)) continue; // nothing to learn from
                int[] supervisedRows = supervisedRows(table, rows, calibrationRows);
                boolean[] attack = new boolean[supervisedRows.length];
                for (int k = 0; k < supervisedRows.length; k++) attack[k] = table.attack(supervisedRows[k]);
                progress.stage("fit " + d.name(), -1);
                fitted = d.fit(scale(scaler, table, supervisedRows), attack, options.seed());
            } else {
                progress.stage("fit " + d.name(), -1);
                fitted = d.fit(xFit, null, options.seed());
            }
            progress.done();
            exported.add(calibrate(d, fitted, xCal, layout.width()));
        }

        Map<String, Long> labels = table.labelCounts(rows);
        List<LabelCount> labelCounts = new ArrayList<>();
        labels.forEach((k, v) -> labelCounts.add(new LabelCount(k, v)));
        return ModelBundle.newBuilder()
                .setModelId(options.modelId())
                .setModelVersion(version)
                .setCreatedAtMs(createdAtMs)
                .setTraining(TrainingSummary.newBuilder()
                        .setSources(sources)
                        .setFlows(rows.length)
                        .setTrainFlows(fitRows.length)
                        .setCalibrationFlows(calibrationRows.length)
                        .setLabelled(labelled)
                        .setBenignLabel(labelled ? options.benignLabel() : null)
                        .setLabels(labelCounts)
                        .setSeed(options.seed())
                        .setTrainer("flowsentry model-trainer, Smile 3.1.1")
                        .build())
                .setFeatureSpec(layout.toSpec())
                .setScaler(scaler.toAvro())
                .setDetectors(exported)
                .setEnsemble(EnsembleSettings.newBuilder()
                        .setMinVotes(options.minVotes())
                        .setMediumVotes(options.mediumVotes())
                        .setHighVotes(options.highVotes())
                        .build())
                .build();
    }

    /** Calibrates a fitted detector on held-out benign rows, scored by core's scorer of its export. */
    private Detector calibrate(DetectorTrainer d, FittedDetector fitted, double[][] xCal, int width) {
        Detector detector = Detector.newBuilder()
                .setName(d.name())
                .setKind(d.kind())
                .setVotes(!d.supervised())
                .setCalibration(Calibration.newBuilder().setRawQuantiles(List.of(0.0, 1.0)).setTailScale(1.0)
                        .setThreshold(1.0).setRawThreshold(1.0).build())
                .setModel(fitted.export())
                .build();
        DetectorScorer scorer = DetectorScorers.create(detector, width);
        progress.stage("calibrate " + d.name(), xCal.length);
        double[] scores = new double[xCal.length];
        DetectorScorer.Scratch scratch = scorer.newScratch();
        for (int i = 0; i < xCal.length; i++) {
            scores[i] = scorer.score(xCal[i], scratch);
            if ((i & 0xFFF) == 0) progress.stepTo(i);
        }
        progress.stepTo(xCal.length);
        progress.done();
        detector.setCalibration(Calibrator.fit(scores, CALIBRATION_POINTS, 1.0 - options.contamination()));
        return detector;
    }

    /** Labelled rows for the supervised detector, without the benign rows held out for calibration. */
    private static int[] supervisedRows(FeatureTable table, int[] rows, int[] calibrationRows) {
        java.util.BitSet held = new java.util.BitSet();
        for (int i : calibrationRows) held.set(i);
        return Arrays.stream(rows).filter(i -> table.labelled(i) && !held.get(i)).toArray();
    }

    static int[] sample(int[] rows, int max, long seed) {
        if (rows.length <= max) return rows;
        return FeatureTable.split(rows, (double) max / rows.length, seed)[0];
    }

    static double[][] select(double[][] raw, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int k = 0; k < rows.length; k++) out[k] = raw[rows[k]];
        return out;
    }

    static double[][] scale(FeatureScaler scaler, FeatureTable table, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int k = 0; k < rows.length; k++) out[k] = scaler.transform(table.raw(rows[k]));
        return out;
    }
}
