package org.flowsentry.core.features;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Offline keeper of context states (trainer, evaluation, benchmarks): one HostState per source
 * host, one per destination host, one PairState per pair. Bounded: past maxEntries per map the
 * least recently used key is dropped, like state TTL in the job. A dropped key that returns
 * starts empty, as it would after idleResetMs anyway when it was idle that long.
 */
public final class ContextTracker {
    private final FeatureLayout layout;
    private final Map<String, HostState> sources;
    private final Map<String, HostState> destinations;
    private final Map<String, PairState> pairs;

    public ContextTracker(FeatureLayout layout, int maxEntries) {
        if (!layout.hasContext()) throw new IllegalArgumentException("layout has no context features");
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        this.layout = layout;
        this.sources = lru(maxEntries);
        this.destinations = lru(maxEntries);
        this.pairs = lru(maxEntries);
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

    public PairState pair(String pairKey) {
        return pairs.computeIfAbsent(pairKey, k -> PairState.create(layout.context()));
    }

    public int size() {
        return sources.size() + destinations.size() + pairs.size();
    }
}
