package org.flowsentry.core.features;

import org.flowsentry.schema.FlowRecord;

/**
 * Offline feature extraction, flow by flow in event-time order: the same calls the streaming job
 * makes in its keyed operators, with the context kept in a {@link ContextTracker}.
 * Not thread-safe (it owns mutable context).
 */
public final class FeatureExtractor {
    /** Default bound on tracked hosts and pairs per map. */
    public static final int DEFAULT_MAX_ENTRIES = 1_000_000;

    private final FeatureLayout layout;
    private final ContextTracker context;

    public FeatureExtractor(FeatureLayout layout) {
        this(layout, DEFAULT_MAX_ENTRIES);
    }

    public FeatureExtractor(FeatureLayout layout, int maxEntries) {
        this.layout = layout;
        this.context = layout.hasContext() ? new ContextTracker(layout, maxEntries) : null;
    }

    public FeatureLayout layout() {
        return layout;
    }

    /** The raw (unscaled) feature vector of a flow; updates the context with it. */
    public double[] extract(FlowRecord r, long eventTimeMs) {
        double[] out = new double[layout.width()];
        extract(r, eventTimeMs, out);
        return out;
    }

    public void extract(FlowRecord r, long eventTimeMs, double[] out) {
        layout.computeFlowPart(r, out);
        computeContextPart(r, eventTimeMs, out);
    }

    /** Updates the context with the flow and writes only the context part of its vector. */
    public void computeContextPart(FlowRecord r, long eventTimeMs, double[] out) {
        if (context != null) {
            layout.computeSourcePart(context.source(r.getSrcAddr()), r, eventTimeMs, out);
            layout.computeDestinationPart(context.destination(r.getDstAddr()), r, eventTimeMs, out);
            layout.computePairPart(context.pair(r.getSrcAddr(), r.getDstAddr()), r, eventTimeMs, out);
        }
    }
}
