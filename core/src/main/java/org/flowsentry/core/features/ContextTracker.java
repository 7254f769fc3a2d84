package org.flowsentry.core.features;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Offline keeper of context states (trainer, evaluation, benchmarks): one HostState per source
 * host, one per destination host, one PairState per pair. Bounded: past maxEntries per map the
 * least recently used key is dropped, like state TTL in the job. A dropped key that returns
 * starts empty, as it would after idleResetMs anyway when it was idle that long.
 *
 * <p>A destination keeps pair context for at most {@link ContextSpec#maxPairsPerDestination}
 * sources, as the job's destination operator does: a further source's flow is computed on a
 * fresh pair state that is not stored, until one of the destination's pairs is dropped. Pairs are
 * dropped here only as least recently used past maxEntries; the job also drops a pair unused for
 * its state TTL, so for a destination that had more sources than the bound within a recording
 * the two can differ in which later sources get a stored pair (see docs/architecture.md).
 */
public final class ContextTracker {
    private final FeatureLayout layout;
    private final Map<String, HostState> sources;
    private final Map<String, HostState> destinations;
    private final Map<String, StoredPair> pairs;
    /** Stored pairs per destination key; a destination with none has no entry. */
    private final Map<String, Integer> pairsPerDestination = new HashMap<>();

    private record StoredPair(String destination, PairState state) {}

    public ContextTracker(FeatureLayout layout, int maxEntries) {
        if (!layout.hasContext()) throw new IllegalArgumentException("layout has no context features");
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        this.layout = layout;
        this.sources = lru(maxEntries);
        this.destinations = lru(maxEntries);
        this.pairs = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StoredPair> eldest) {
                if (size() <= maxEntries) return false;
                pairsPerDestination.computeIfPresent(eldest.getValue().destination(), (d, n) -> n == 1 ? null : n - 1);
                return true;
            }
        };
    }

    private static <V> Map<String, V> lru(int max) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    public HostState source(String address) {
        return sources.computeIfAbsent(FeatureLayout.addressKey(address), k -> HostState.create(layout.context()));
    }

    public HostState destination(String address) {
        return destinations.computeIfAbsent(FeatureLayout.addressKey(address), k -> HostState.create(layout.context()));
    }

    /**
     * The pair's stored context; for a new pair a new state, stored unless its destination
     * already keeps pair context for maxPairsPerDestination sources.
     */
    public PairState pair(String sourceAddress, String destinationAddress) {
        String destination = FeatureLayout.addressKey(destinationAddress);
        String key = FeatureLayout.addressKey(sourceAddress) + ">" + destination;
        StoredPair stored = pairs.get(key);
        if (stored != null) return stored.state();
        PairState fresh = PairState.create(layout.context());
        int held = pairsPerDestination.getOrDefault(destination, 0);
        if (held < layout.context().maxPairsPerDestination()) {
            pairsPerDestination.put(destination, held + 1);
            pairs.put(key, new StoredPair(destination, fresh));
        }
        return fresh;
    }

    /** How many pairs the destination keeps context for. */
    public int pairsOf(String destinationAddress) {
        return pairsPerDestination.getOrDefault(FeatureLayout.addressKey(destinationAddress), 0);
    }

    public int size() {
        return sources.size() + destinations.size() + pairs.size();
    }
}
