package org.flowsentry.trainer.eval;

import java.util.List;

/**
 * Flows per bucket for the report's "anomalies over time" chart: how many the ensemble flagged
 * and how many were attacks by ground truth. Buckets are of event time when every flow has one,
 * otherwise of flow index (the order the flows were given in).
 */
final class Timeline {
    /** Bucket widths for event time, in ms, so that the axis reads "per minute" rather than "per 37.3 s". */
    private static final long[] NICE_MS = {
        1, 10, 100, 1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000, 900_000, 1_800_000,
        3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000};

    final boolean byTime;
    final long start;
    final long width;
    final long[] flagged;
    final long[] attacks;

    private Timeline(boolean byTime, long start, long width, int buckets) {
        this.byTime = byTime;
        this.start = start;
        this.width = width;
        flagged = new long[buckets];
        attacks = new long[buckets];
    }

    static Timeline of(List<ScoredFlow> flows, int maxBuckets) {
        boolean byTime = !flows.isEmpty() && flows.stream().allMatch(f -> f.eventTimeMs() != null);
        long min = 0;
        long max = Math.max(0, flows.size() - 1);
        if (byTime) {
            min = Long.MAX_VALUE;
            max = Long.MIN_VALUE;
            for (ScoredFlow f : flows) {
                min = Math.min(min, f.eventTimeMs());
                max = Math.max(max, f.eventTimeMs());
            }
        }
        long minWidth = Math.max(1, (max - min + maxBuckets) / maxBuckets); // ceil((span + 1) / maxBuckets)
        long width = byTime ? niceWidth(minWidth) : minWidth;
        long start = byTime ? Math.floorDiv(min, width) * width : 0;
        int buckets = (int) ((max - start) / width + 1);
        Timeline t = new Timeline(byTime, start, width, buckets);
        for (int i = 0; i < flows.size(); i++) {
            ScoredFlow f = flows.get(i);
            int b = (int) (((byTime ? f.eventTimeMs() : i) - start) / width);
            if (f.verdict().flagged()) t.flagged[b]++;
            if (f.attack()) t.attacks[b]++;
        }
        return t;
    }

    private static long niceWidth(long atLeast) {
        for (long w : NICE_MS) if (w >= atLeast) return w;
        long day = NICE_MS[NICE_MS.length - 1];
        return (atLeast + day - 1) / day * day;
    }

    /** The bucket width in words: "5 min", "1 h", "250 flows". */
    String widthText() {
        if (!byTime) return width + (width == 1 ? " flow" : " flows");
        if (width % 86_400_000 == 0) return width / 86_400_000 + " d";
        if (width % 3_600_000 == 0) return width / 3_600_000 + " h";
        if (width % 60_000 == 0) return width / 60_000 + " min";
        if (width % 1_000 == 0) return width / 1_000 + " s";
        return width + " ms";
    }
}
