package org.flowsentry.job.support;

import java.io.Serializable;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

/**
 * The current model of one operator instance. The model lives in broadcast state (as the accepted
 * bundle's bytes, under {@link #CURRENT}), so it survives restarts; the initial bundle given at
 * start travels with the operator, so flows are scored from the first one without waiting for the
 * broadcast. The newer of the two wins, which also lets a restart from a savepoint with a newer
 * --model take effect. The parsed view is cached; a swap replaces it in one assignment.
 */
public final class ModelHolder implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The one key of the model broadcast state. */
    public static final String CURRENT = "current";

    private final byte[] initialBundle;
    private final boolean withScorer;
    private transient ModelView current;
    private transient boolean resolved;

    /** Outcome of offering a broadcast bundle: what was current before, and whether it was installed. */
    public record Swap(ModelView previous, ModelView next, boolean installed) {
        /** True when the feature layout changed, so keyed feature state must start again. */
        public boolean specChanged() {
            return installed && previous != null && previous.specId() != next.specId();
        }
    }

    /**
     * @param initialBundle single-object bytes of the bundle loaded at start (already verified), or null
     * @param withScorer whether views need the scorer (scoring operator) or only the layout
     */
    public ModelHolder(byte[] initialBundle, boolean withScorer) {
        this.initialBundle = initialBundle;
        this.withScorer = withScorer;
    }

    /** The initial bundle alone, before any state is readable (e.g. for a gauge in open()). */
    public ModelView initial() {
        if (!resolved && current == null && initialBundle != null) current = ModelView.of(initialBundle, withScorer);
        return current;
    }

    /** The model to use now, or null when there is none yet. */
    public ModelView current(ReadOnlyBroadcastState<String, byte[]> state) throws Exception {
        if (!resolved) {
            byte[] stored = state.get(CURRENT);
            ModelView fromState = stored == null ? null : ModelView.of(stored, withScorer);
            current = newer(fromState, initial());
            resolved = true;
        }
        return current;
    }

    /** Installs a bundle from the broadcast when it is newer than the current model. */
    public Swap offer(byte[] bundle, BroadcastState<String, byte[]> state) throws Exception {
        ModelView previous = current(state);
        ModelView next = ModelView.of(bundle, withScorer);
        if (previous != null && next.version() <= previous.version()) return new Swap(previous, next, false);
        state.put(CURRENT, bundle);
        current = next;
        return new Swap(previous, next, true);
    }

    /** The cached current model without touching state (for metrics); may lag until the first element. */
    public ModelView peek() {
        return current;
    }

    private static ModelView newer(ModelView a, ModelView b) {
        if (a == null) return b;
        if (b == null) return a;
        return b.version() > a.version() ? b : a;
    }
}
