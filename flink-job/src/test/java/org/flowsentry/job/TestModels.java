package org.flowsentry.job;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.flowsentry.core.bundle.BundleKeys;
import org.flowsentry.core.bundle.BundleSignatures;
import org.flowsentry.core.bundle.TestBundles;
import org.flowsentry.core.features.ContextSpec;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.features.FeatureScaler;
import org.flowsentry.core.model.Calibrator;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.job.data.RawRecord;
import org.flowsentry.schema.Detector;
import org.flowsentry.schema.DetectorKind;
import org.flowsentry.schema.KMeansModel;
import org.flowsentry.schema.ModelBundle;

/** Signed test bundles and the key that signs them. */
public final class TestModels {
    public static final KeyPair KEYS = BundleKeys.generate();
    public static final String TOPIC = "models";
    /** Context settings other than the default, for feature-spec changes. */
    public static final ContextSpec OTHER_CONTEXT = new ContextSpec(List.of(1_000L, 60_000L), List.of(10_000L), 16, 3_600_000L, 4096, false);

    private TestModels() {}

    public static List<byte[]> trusted() {
        return List.of(KEYS.getPublic().getEncoded());
    }

    public static ModelBundle sign(ModelBundle b) {
        return BundleSignatures.sign(b, KEYS.getPrivate(), KEYS.getPublic());
    }

    /** Single-object bytes of core's small k-means test bundle at this version, signed. */
    public static byte[] kmeans(long version) {
        return AvroWire.MODEL_BUNDLE.encode(sign(TestBundles.kmeans(version)));
    }

    /** Core's test bundle re-laid out for other context settings (same construction), signed. */
    public static byte[] kmeans(long version, ContextSpec context) {
        FeatureLayout layout = new FeatureLayout(List.of(), context);
        int d = layout.width();
        double[][] rows = new double[200][d];
        for (int i = 0; i < rows.length; i++) for (int j = 0; j < d; j++) rows[i][j] = (i * 31 + j * 17) % 13;
        FeatureScaler scaler = FeatureScaler.fit(rows, new boolean[d], 50);
        double[] benign = new double[500];
        for (int i = 0; i < benign.length; i++) benign[i] = Math.sqrt(d) * (0.5 + i / 1000.0);
        ModelBundle b = TestBundles.kmeans(version);
        List<Detector> detectors = new ArrayList<>();
        for (Detector old : b.getDetectors()) {
            List<Double> centroid = new ArrayList<>();
            for (int j = 0; j < d; j++) centroid.add(0.0);
            detectors.add(Detector.newBuilder(old).setKind(DetectorKind.KMEANS_DISTANCE)
                    .setCalibration(Calibrator.fit(benign, 101, 0.99)).setModel(new KMeansModel(d, centroid)).build());
        }
        b.setFeatureSpec(layout.toSpec());
        b.setScaler(scaler.toAvro());
        b.setDetectors(detectors);
        return AvroWire.MODEL_BUNDLE.encode(sign(b));
    }

    public static RawRecord record(byte[] bundle, long offset) {
        return RawRecord.of(bundle, TOPIC, offset, TestFlows.T0);
    }
}
