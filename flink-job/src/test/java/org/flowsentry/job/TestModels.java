package org.flowsentry.job;

import java.security.KeyPair;
import java.util.List;
import org.flowsentry.core.bundle.BundleKeys;
import org.flowsentry.core.bundle.BundleSignatures;
import org.flowsentry.core.bundle.TestBundles;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.job.data.RawRecord;
import org.flowsentry.schema.ModelBundle;

/** Signed test bundles and the key that signs them. */
public final class TestModels {
    public static final KeyPair KEYS = BundleKeys.generate();
    public static final String TOPIC = "models";

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

    public static RawRecord record(byte[] bundle, long offset) {
        return RawRecord.of(bundle, TOPIC, offset, TestFlows.T0);
    }
}
