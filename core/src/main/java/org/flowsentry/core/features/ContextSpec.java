package org.flowsentry.core.features;

import java.util.List;

/**
 * Settings of the host-context features, stored in the bundle's FeatureSpec so that the job
 * computes exactly what the trainer did.
 *
 * @param halfLivesMs half-lives of the damped (exponentially decayed) statistics
 * @param distinctWindowsMs windows over which distinct peers and ports are counted
 * @param distinctCapacity distinct values remembered per host (counts saturate there)
 * @param idleResetMs a host or pair unseen this long starts again from empty state
 * @param maxPairsPerDestination most sources a destination host keeps pair context for at once:
 *     a flow of a further source gets the pair features of a first flow, and nothing is stored
 *     for it (see {@link ContextTracker}). Bounds the state a flood of spoofed sources leaves
 *     with its victim; a slot frees when its pair's context is dropped.
 * @param oneWayRecords the records report one direction each, as NetFlow/IPFIX/sFlow exporters
 *     send them: no reply counters does not mean no reply, so failed connections are judged
 *     from TCP flags alone (see {@link FlowFeatures#failed})
 */
public record ContextSpec(List<Long> halfLivesMs, List<Long> distinctWindowsMs, int distinctCapacity, long idleResetMs,
        int maxPairsPerDestination, boolean oneWayRecords) {
    /** Upper bound of maxPairsPerDestination: what one destination's state may hold. */
    public static final int MAX_PAIRS_LIMIT = 1 << 20;
    /** maxPairsPerDestination of {@link #DEFAULT} (and of bundles written before the field, ModelBundle.avsc). */
    public static final int DEFAULT_MAX_PAIRS_PER_DESTINATION = 4096;

    /** Kitsune-like time scales: 1 s, 10 s, 1 min, 10 min; bidirectional records. */
    public static final ContextSpec DEFAULT = new ContextSpec(
            List.of(1_000L, 10_000L, 60_000L, 600_000L), List.of(10_000L, 600_000L), 64, 3_600_000L, DEFAULT_MAX_PAIRS_PER_DESTINATION, false);

    public ContextSpec {
        halfLivesMs = List.copyOf(halfLivesMs);
        distinctWindowsMs = List.copyOf(distinctWindowsMs);
        if (halfLivesMs.isEmpty()) throw new IllegalArgumentException("at least one half-life is needed");
        for (long h : halfLivesMs) if (h <= 0) throw new IllegalArgumentException("half-lives must be positive: " + h);
        for (long w : distinctWindowsMs) if (w <= 0) throw new IllegalArgumentException("windows must be positive: " + w);
        if (distinctCapacity < 1 || distinctCapacity > 4096) {
            throw new IllegalArgumentException("distinctCapacity must be in 1..4096: " + distinctCapacity);
        }
        if (maxPairsPerDestination < 1 || maxPairsPerDestination > MAX_PAIRS_LIMIT) {
            throw new IllegalArgumentException("maxPairsPerDestination must be in 1.." + MAX_PAIRS_LIMIT + ": " + maxPairsPerDestination);
        }
        long longest = longest(halfLivesMs);
        if (idleResetMs < longest) {
            throw new IllegalArgumentException("idleResetMs (" + idleResetMs + ") must be at least the longest half-life (" + longest + ")");
        }
    }

    /** The same settings for records of one direction each (or not). */
    public ContextSpec withOneWayRecords(boolean oneWay) {
        return new ContextSpec(halfLivesMs, distinctWindowsMs, distinctCapacity, idleResetMs, maxPairsPerDestination, oneWay);
    }

    /** The same settings with another bound on pair contexts per destination. */
    public ContextSpec withMaxPairsPerDestination(int maxPairs) {
        return new ContextSpec(halfLivesMs, distinctWindowsMs, distinctCapacity, idleResetMs, maxPairs, oneWayRecords);
    }

    private static long longest(List<Long> values) {
        long longest = Long.MIN_VALUE;
        for (int i = 0; i < values.size(); i++) longest = Math.max(longest, values.get(i));
        return longest;
    }

    static String suffix(long ms) {
        if (ms % 3_600_000 == 0) return (ms / 3_600_000) + "h";
        if (ms % 60_000 == 0) return (ms / 60_000) + "m";
        if (ms % 1000 == 0) return (ms / 1000) + "s";
        return ms + "ms";
    }
}
