package org.flowsentry.job.operators;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.flowsentry.core.bundle.BundleFiles;
import org.flowsentry.core.bundle.BundleKeys;
import org.flowsentry.core.bundle.BundleRefusedException;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.core.wire.WireFormatException;
import org.flowsentry.job.JobDescriptors;
import org.flowsentry.job.data.RawRecord;
import org.flowsentry.job.support.DeadLetters;
import org.flowsentry.schema.ModelBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every bundle from the model topic once, before it is broadcast: decodes it, verifies its
 * signature against the trusted keys and its feature spec against this code
 * ({@code BundleFiles.accept}), and requires a version newer than the current one. Accepted
 * bundles go out (as their bytes) to the broadcast; refused ones are logged, counted and sent to
 * the dead letters with the reason, and the current model stays. A re-sent copy of the current
 * bundle (same bytes) is ignored quietly, so replaying the model topic after a restart is harmless.
 *
 * <p>Runs at parallelism 1 on one constant key, so that the current version is one keyed value
 * that checkpoints with the job. Metrics: modelsAccepted, modelsRefused.
 */
public class ModelGate extends KeyedProcessFunction<Integer, RawRecord, byte[]> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ModelGate.class);
    static final String FORMAT = "model-bundle";

    private final byte[] initialBundle;
    private final List<byte[]> trustedKeys;
    private final boolean allowUnsigned;

    private transient List<PublicKey> keys;
    private transient long initialVersion;
    private transient byte[] initialDigest;
    private transient ValueState<Long> acceptedVersion;
    private transient ValueState<byte[]> acceptedDigest;
    private transient Counter accepted;
    private transient Counter refused;

    /**
     * @param initialBundle single-object bytes of the bundle loaded at start, or null
     * @param trustedKeys X.509 encodings of the trusted Ed25519 public keys
     */
    public ModelGate(byte[] initialBundle, List<byte[]> trustedKeys, boolean allowUnsigned) {
        this.initialBundle = initialBundle;
        this.trustedKeys = new ArrayList<>(trustedKeys);
        this.allowUnsigned = allowUnsigned;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        keys = new ArrayList<>();
        KeyFactory factory = KeyFactory.getInstance(BundleKeys.ALGORITHM);
        for (byte[] k : trustedKeys) keys.add(factory.generatePublic(new X509EncodedKeySpec(k)));
        initialVersion = Long.MIN_VALUE;
        if (initialBundle != null) {
            initialVersion = AvroWire.MODEL_BUNDLE.decode(initialBundle).getModelVersion();
            initialDigest = digest(initialBundle);
        }
        acceptedVersion = getRuntimeContext().getState(JobDescriptors.acceptedVersion());
        acceptedDigest = getRuntimeContext().getState(JobDescriptors.acceptedDigest());
        MetricGroup m = getRuntimeContext().getMetricGroup();
        accepted = m.counter("modelsAccepted");
        refused = m.counter("modelsRefused");
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<byte[]> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (raw.value == null) {
            refuse(raw, "empty model message (null value)", ctx, now);
            return;
        }
        ModelBundle bundle;
        try {
            bundle = AvroWire.MODEL_BUNDLE.decode(raw.value);
        } catch (WireFormatException e) {
            refuse(raw, "undecodable model bundle: " + e.getMessage(), ctx, now);
            return;
        }
        try {
            BundleFiles.accept(bundle, keys, allowUnsigned);
        } catch (BundleRefusedException e) {
            refuse(raw, e.getMessage(), ctx, now);
            return;
        } catch (RuntimeException e) {
            refuse(raw, "model " + bundle.getModelId() + " v" + bundle.getModelVersion() + " cannot be used: " + e, ctx, now);
            return;
        }
        long version = bundle.getModelVersion();
        long current = currentVersion();
        byte[] digest = digest(raw.value);
        if (version == current && Arrays.equals(digest, currentDigest())) {
            LOG.info("model {} v{} is already current; ignoring the copy at {}", bundle.getModelId(), version, raw);
            return;
        }
        if (version <= current) {
            refuse(raw, "model " + bundle.getModelId() + " v" + version + " is not newer than the current version v" + current, ctx, now);
            return;
        }
        acceptedVersion.update(version);
        acceptedDigest.update(digest);
        accepted.inc();
        LOG.info("accepted model {} v{} (previous: {}); broadcasting it", bundle.getModelId(), version,
                current == Long.MIN_VALUE ? "none" : "v" + current);
        out.collect(raw.value);
    }

    private long currentVersion() throws Exception {
        Long v = acceptedVersion.value();
        return v == null ? initialVersion : Math.max(v, initialVersion);
    }

    private byte[] currentDigest() throws Exception {
        Long v = acceptedVersion.value();
        return v == null || v < initialVersion ? initialDigest : acceptedDigest.value();
    }

    private void refuse(RawRecord raw, String reason, Context ctx, long now) {
        refused.inc();
        LOG.warn("refused model bundle from {}: {}", raw, reason);
        ctx.output(JobDescriptors.DEAD_LETTERS, DeadLetters.of(raw, raw.value, DeadLetters.Kind.REFUSED_MODEL, reason, FORMAT, now));
    }

    static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    // For tests: the metric values of this instance.
    long accepted() {
        return accepted.getCount();
    }

    long refused() {
        return refused.getCount();
    }
}
