package org.flowsentry.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flowsentry.core.bundle.TestBundles;
import org.flowsentry.core.features.ContextSpec;
import org.flowsentry.core.features.FeatureExtractor;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.features.FeatureScaler;
import org.flowsentry.core.generate.GeneratorOptions;
import org.flowsentry.core.generate.TrafficGenerator;
import org.flowsentry.core.model.Calibrator;
import org.flowsentry.schema.Detector;
import org.flowsentry.schema.DetectorKind;
import org.flowsentry.schema.EnsembleSettings;
import org.flowsentry.schema.FlowRecord;
import org.flowsentry.schema.KMeansModel;
import org.flowsentry.schema.ModelBundle;

/**
 * A small bundle fitted on generated benign traffic with core's parts only (no Smile): three
 * nearest-prototype detectors (k-means form, prototypes sampled from benign training vectors)
 * calibrated on held-out benign flows. Enough for attacks to stand out in job tests.
 */
public final class TrainedBundles {
    private static ModelBundle fitted;

    private TrainedBundles() {}

    /** The fitted bundle at this version (fitted once, a few seconds). */
    public static synchronized ModelBundle fit(long version) {
        if (fitted == null) fitted = fit();
        return ModelBundle.newBuilder(fitted).setModelVersion(version).build();
    }

    private static ModelBundle fit() {
        FeatureLayout layout = new FeatureLayout(List.of(), ContextSpec.DEFAULT);
        GeneratorOptions options = GeneratorOptions.defaults().withSeed(2).withDuration(Duration.ofMinutes(30)).withScenarios(List.of());
        FeatureExtractor fx = new FeatureExtractor(layout);
        List<double[]> train = new ArrayList<>();
        List<double[]> calibration = new ArrayList<>();
        int i = 0;
        for (FlowRecord r : new TrafficGenerator(options)) {
            double[] v = fx.extract(r, FeatureLayout.eventTime(r, 0));
            (i++ % 4 == 3 ? calibration : train).add(v);
        }
        int d = layout.width();
        FeatureScaler scaler = FeatureScaler.fit(train.toArray(double[][]::new), new boolean[d], 50);
        List<Detector> detectors = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Random random = new Random(100 + k);
            int prototypes = 200;
            double[][] centroids = new double[prototypes][];
            List<Double> flat = new ArrayList<>(prototypes * d);
            for (int c = 0; c < prototypes; c++) {
                centroids[c] = scaler.transform(train.get(random.nextInt(train.size())));
                for (double x : centroids[c]) flat.add(x);
            }
            double[] raw = new double[calibration.size()];
            for (int n = 0; n < raw.length; n++) raw[n] = nearest(scaler.transform(calibration.get(n)), centroids);
            detectors.add(Detector.newBuilder()
                    .setName("prototypes_" + (char) ('a' + k))
                    .setKind(DetectorKind.KMEANS_DISTANCE)
                    .setCalibration(Calibrator.fit(raw, 201, 0.995))
                    .setModel(new KMeansModel(d, flat))
                    .build());
        }
        ModelBundle b = TestBundles.kmeans(1);
        b.setModelId("trained-test-model");
        b.setFeatureSpec(layout.toSpec());
        b.setScaler(scaler.toAvro());
        b.setDetectors(detectors);
        b.setEnsemble(EnsembleSettings.newBuilder().setMinVotes(2).setMediumVotes(3).setHighVotes(3).build());
        return b;
    }

    private static double nearest(double[] x, double[][] centroids) {
        double best = Double.POSITIVE_INFINITY;
        for (double[] c : centroids) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                double t = x[j] - c[j];
                s += t * t;
            }
            best = Math.min(best, s);
        }
        return Math.sqrt(best);
    }
}
