package org.flowsentry.core.ingest;

import java.util.Map;
import java.util.TreeMap;
import org.flowsentry.schema.FlowRecord;

/** What a set of flows contains: count, time span, labels, protocols. Fed one flow at a time. */
public final class FlowSummary {
    /** The label key under which flows without ground truth are counted. */
    public static final String NO_LABEL = "(none)";

    private long flows;
    private long timed;
    private long minStartMs = Long.MAX_VALUE;
    private long maxEndMs = Long.MIN_VALUE;
    private final Map<String, Long> labels = new TreeMap<>();
    private final Map<String, Long> categories = new TreeMap<>();
    private final Map<Integer, Long> protocols = new TreeMap<>();

    public void add(FlowRecord r) {
        flows++;
        if (r.getStartMs() != null) {
            timed++;
            minStartMs = Math.min(minStartMs, r.getStartMs());
            long end = r.getEndMs() != null ? r.getEndMs() : r.getStartMs() + r.getDurationUs() / 1000;
            maxEndMs = Math.max(maxEndMs, end);
        }
        labels.merge(r.getLabel() == null ? NO_LABEL : r.getLabel(), 1L, Long::sum);
        if (r.getAttackCategory() != null) categories.merge(r.getAttackCategory(), 1L, Long::sum);
        protocols.merge(r.getProtocol(), 1L, Long::sum);
    }

    public long flows() {
        return flows;
    }

    /** Flows that carry a timestamp. */
    public long timedFlows() {
        return timed;
    }

    /** Earliest start, or null when no flow has a timestamp. */
    public Long firstStartMs() {
        return timed == 0 ? null : minStartMs;
    }

    /** Latest end, or null when no flow has a timestamp. */
    public Long lastEndMs() {
        return timed == 0 ? null : maxEndMs;
    }

    /** Flows per label, {@link #NO_LABEL} for flows without ground truth. */
    public Map<String, Long> labels() {
        return labels;
    }

    public Map<String, Long> attackCategories() {
        return categories;
    }

    /** Flows per IANA protocol number (-1 for non-IP). */
    public Map<Integer, Long> protocols() {
        return protocols;
    }
}
