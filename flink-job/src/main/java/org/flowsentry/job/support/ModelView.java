package org.flowsentry.job.support;

import java.nio.charset.StandardCharsets;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.model.EnsembleScorer;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.core.wire.WireFormatException;
import org.flowsentry.schema.FeatureSpec;
import org.flowsentry.schema.ModelBundle;

/**
 * What an operator needs of an accepted bundle: its identity, its feature layout and (for the
 * scoring operator only) its scorer. Built from the bundle's single-object bytes; immutable, so a
 * model swap is one reference assignment.
 */
public final class ModelView {
    private final String modelId;
    private final long version;
    private final FeatureLayout layout;
    private final EnsembleScorer scorer;
    private final long specId;

    private ModelView(ModelBundle bundle, FeatureLayout layout, EnsembleScorer scorer) {
        this.modelId = bundle.getModelId();
        this.version = bundle.getModelVersion();
        this.layout = layout;
        this.scorer = scorer;
        this.specId = specId(bundle.getFeatureSpec());
    }

    /**
     * @param withScorer build the ensemble scorer too (the feature operators only need the layout)
     * @throws IllegalArgumentException when the bytes are not a usable bundle; the model gate has
     *     checked every bundle that reaches an operator, so this means a bug or a corrupted state
     */
    public static ModelView of(byte[] bundleBytes, boolean withScorer) {
        ModelBundle bundle;
        try {
            bundle = AvroWire.MODEL_BUNDLE.decode(bundleBytes);
        } catch (WireFormatException e) {
            throw new IllegalArgumentException("stored model bundle is unreadable: " + e.getMessage(), e);
        }
        if (withScorer) {
            EnsembleScorer scorer = EnsembleScorer.of(bundle);
            return new ModelView(bundle, scorer.layout(), scorer);
        }
        return new ModelView(bundle, FeatureLayout.of(bundle.getFeatureSpec()), null);
    }

    /**
     * A stable 64-bit fingerprint of a feature spec (FNV-1a over its Avro JSON form): two bundles
     * with the same fingerprint lay out and compute features identically.
     */
    public static long specId(FeatureSpec spec) {
        byte[] text = spec.toString().getBytes(StandardCharsets.UTF_8);
        long h = 0xcbf29ce484222325L;
        for (byte b : text) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }

    public String modelId() {
        return modelId;
    }

    public long version() {
        return version;
    }

    public FeatureLayout layout() {
        return layout;
    }

    /** The scorer; null in a view built for a feature operator. */
    public EnsembleScorer scorer() {
        return scorer;
    }

    public long specId() {
        return specId;
    }

    @Override
    public String toString() {
        return modelId + " v" + version;
    }
}
