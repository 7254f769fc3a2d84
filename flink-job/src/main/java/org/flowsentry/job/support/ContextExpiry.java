package org.flowsentry.job.support;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;
import org.flowsentry.core.features.HostState;
import org.flowsentry.core.features.PairState;

/**
 * When context state (a host's {@link HostState}, a pair's PairState) is dropped: once the
 * watermark passes its last flow's event time plus the TTL. Core's features start again from
 * empty after the bundle's contextIdleResetMs without a flow anyway, so with a TTL of at least
 * that, dropping loses nothing the trainer would have used and features stay equal to its own.
 * State is bounded by the hosts seen within the TTL of event time, whatever their number.
 *
 * <p>Not Flink's state TTL: it wraps the value in a new TtlValue on every write (each flow
 * writes three states), which garbage collection then has to promote, and its sweep copies whole
 * map states. In benchmark-stream that took a sixth of the job's CPU. Here state objects are
 * updated in place, and each host has one event-time timer at a time: armed when its state is
 * created, and when it fires for a host seen since, armed again for the new deadline.
 */
public final class ContextExpiry implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long ttlMs;

    public ContextExpiry(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("state TTL must be positive: " + ttl);
        this.ttlMs = ttl.toMillis();
    }

    /** Arms the host's timer when its state was just created (current is not the stored state). */
    public void armIfNew(HostState stored, HostState current, TimerService timers) {
        if (current != stored) timers.registerEventTimeTimer(deadline(current.getLastMs()));
    }

    /**
     * At the host's expiry timer: clears its state when it is expired and returns true, as it does
     * when the state is gone already (a feature-spec change cleared it); otherwise arms the timer
     * again for the host's current deadline and returns false.
     */
    public boolean expireOrRearm(ValueState<HostState> host, long time, TimerService timers) throws IOException {
        HostState h = host.value();
        if (h == null) return true;
        if (expired(h.getLastMs(), time)) {
            host.clear();
            return true;
        }
        timers.registerEventTimeTimer(deadline(h.getLastMs()));
        return false;
    }

    /**
     * At the expiry timer of a host that also keeps its pairs: {@link #expireOrRearm}, and the
     * pairs go with the host, or, when it stays, those unused for the TTL; pairCount follows.
     */
    public void expireOrPrune(ValueState<HostState> host, MapState<String, PairState> pairs, ValueState<Integer> pairCount,
            long time, TimerService timers) throws Exception {
        if (expireOrRearm(host, time, timers)) {
            pairs.clear();
            pairCount.clear();
            return;
        }
        List<String> unused = new ArrayList<>();
        int held = 0;
        for (Map.Entry<String, PairState> p : pairs.entries()) {
            held++;
            if (expired(p.getValue().getLastMs(), time)) unused.add(p.getKey());
        }
        for (String peer : unused) pairs.remove(peer);
        int left = held - unused.size();
        if (left == 0) {
            pairCount.clear();
        } else {
            pairCount.update(left);
        }
    }

    /** True when state last updated by a flow at lastMs is expired at event time {@code time}. */
    public boolean expired(long lastMs, long time) {
        return deadline(lastMs) <= time;
    }

    private long deadline(long lastMs) {
        return lastMs > Long.MAX_VALUE - ttlMs ? Long.MAX_VALUE : lastMs + ttlMs;
    }
}
