package org.flowsentry.job.support;

import org.apache.flink.api.common.state.MapState;
import org.flowsentry.core.features.ContextSpec;
import org.flowsentry.core.features.HostState;
import org.flowsentry.core.features.PairState;

/** Fresh or stored context state, checked against the current model's context settings. */
public final class ContextStates {
    private ContextStates() {}

    /**
     * The stored host state, or a new one when there is none or it was sized for other settings
     * (state restored under a model with another feature spec).
     */
    public static HostState host(HostState stored, ContextSpec spec) {
        if (stored != null && stored.halfLives() == spec.halfLivesMs().size()
                && stored.peers().maxValues() == spec.distinctCapacity()
                && stored.ports().maxValues() == spec.distinctCapacity()) {
            return stored;
        }
        return HostState.create(spec);
    }

    /**
     * The pair state to update and store: the stored one, a copy of it when a checkpoint in
     * progress shares it (PairStateSerializer), or a new one as in {@link #host}.
     */
    public static PairState pairToUpdate(PairState stored, ContextSpec spec) {
        if (stored == null || stored.getFlows().length != spec.halfLivesMs().size()) return PairState.create(spec);
        return stored.isShared() ? stored.copy() : stored;
    }

    /** How many pairs a destination's map holds: for state stored without its count. */
    public static int size(MapState<String, PairState> pairs) throws Exception {
        int n = 0;
        for (String ignored : pairs.keys()) n++;
        return n;
    }
}
