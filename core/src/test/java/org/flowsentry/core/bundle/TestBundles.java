package org.flowsentry.core.bundle;

import java.util.ArrayList;
import java.util.List;
import org.flowsentry.core.features.ContextSpec;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.features.FeatureScaler;
import org.flowsentry.core.model.Calibrator;
import org.flowsentry.schema.Detector;
import org.flowsentry.schema.DetectorKind;
import org.flowsentry.schema.EnsembleSettings;
import org.flowsentry.schema.KMeansModel;
import org.flowsentry.schema.LabelCount;
import org.flowsentry.schema.ModelBundle;
import org.flowsentry.schema.TrainingSummary;

/** Small, valid bundles for tests that need one (k-means detectors around the origin). */
public final class TestBundles {
    private TestBundles() {}

    /** A bundle of three k-means detectors with one centroid at 0 and distinct calibrations. */
    public static ModelBundle kmeans(long version) {
        FeatureLayout layout = new FeatureLayout(List.of(), ContextSpec.DEFAULT);
        int d = layout.width();
        double[][] rows = new double[200][d];
        for (int i = 0; i < rows.length; i++) for (int j = 0; j < d; j++) rows[i][j] = (i * 31 + j * 17) % 13;
        FeatureScaler scaler = FeatureScaler.fit(rows, new boolean[d], 50);
        List<Detector> detectors = new ArrayList<>();
        double[] benign = new double[500];
        for (int i = 0; i < benign.length; i++) benign[i] = Math.sqrt(d) * (0.5 + i / 1000.0);
        for (String name : List.of("kmeans_a", "kmeans_b", "kmeans_c")) {
            List<Double> centroid = new ArrayList<>();
            for (int j = 0; j < d; j++) centroid.add(0.0);
            detectors.add(Detector.newBuilder()
                    .setName(name)
                    .setKind(DetectorKind.KMEANS_DISTANCE)
                    .setCalibration(Calibrator.fit(benign, 101, 0.99))
                    .setModel(new KMeansModel(d, centroid))
                    .build());
        }
        return ModelBundle.newBuilder()
                .setModelId("test-model")
                .setModelVersion(version)
                .setCreatedAtMs(1_767_571_200_000L)
                .setTraining(TrainingSummary.newBuilder()
                        .setSources(List.of("synthetic"))
                        .setFlows(200).setTrainFlows(150).setCalibrationFlows(50)
                        .setLabelled(false)
                        .setLabels(List.of(new LabelCount("BENIGN", 200L)))
                        .setSeed(1)
                        .build())
                .setFeatureSpec(layout.toSpec())
                .setScaler(scaler.toAvro())
                .setDetectors(detectors)
                .setEnsemble(EnsembleSettings.newBuilder().setMinVotes(2).setMediumVotes(3).setHighVotes(3).build())
                .build();
    }
}
