package org.flowsentry.trainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flowsentry.core.features.ContextSpec;
import org.flowsentry.core.features.FeatureExtractor;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.features.FlowFeatures;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.ingest.FlowFiles;
import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.schema.FlowRecord;

/**
 * Flows of one or more files with their raw feature vectors, in event-time order. Context
 * features are computed over the whole stream in that order, as the streaming job sees it, and
 * only then are rows split into training and test sets.
 */
public final class FeatureTable {
    /** Flows without their extra-features map (already in the vectors), in event-time order. */
    private final FlowRecord[] flows;
    private final double[][] raw;
    private final FeatureLayout layout;
    private final List<ReadErrors> errors;

    private FeatureTable(FlowRecord[] flows, double[][] raw, FeatureLayout layout, List<ReadErrors> errors) {
        this.flows = flows;
        this.raw = raw;
        this.layout = layout;
        this.errors = errors;
    }

    public int size() {
        return flows.length;
    }

    public FlowRecord flow(int i) {
        return flows[i];
    }

    public double[] raw(int i) {
        return raw[i];
    }

    public double[][] raw() {
        return raw;
    }

    public FeatureLayout layout() {
        return layout;
    }

    public List<ReadErrors> readErrors() {
        return errors;
    }

    public boolean labelled(int i) {
        return flows[i].getLabel() != null;
    }

    public boolean attack(int i) {
        return Labels.isAttack(flows[i].getLabel());
    }

    /** What a first pass over the data found: enough to choose the feature layout. */
    /** What the first pass saw: flows, flows with times / addresses / reply counters, extra columns, labels. */
    public record DataProfile(long flows, long timed, long addressed, long replied, Map<String, Long> extraKeys,
                              Map<String, Long> labels) {
        /**
         * No flow reports a reply: the records are one direction each, as exporters (and
         * `train --unidirectional`) give them, so a missing reply says nothing.
         */
        public boolean oneWay() {
            return flows > 0 && replied == 0;
        }

        /** Context features need times and addresses on (nearly) every flow. */
        public boolean supportsContext() {
            return flows > 0 && timed >= 0.95 * flows && addressed >= 0.95 * flows;
        }

        /** Extra dataset columns present on at least half the flows, in name order (deterministic). */
        public List<String> commonExtras() {
            List<String> out = new ArrayList<>();
            extraKeys.forEach((k, n) -> {
                if (n >= 0.5 * flows) out.add(k);
            });
            return out;
        }

        public boolean hasLabels() {
            return labels.entrySet().stream().anyMatch(e -> e.getKey() != null && e.getValue() > 0);
        }
    }

    /** First pass: profiles the data to choose the layout. */
    public static DataProfile profile(List<Path> files, FlowFormat format, String defaultLabel, TrainingProgress progress) throws IOException {
        return profile(files, format, defaultLabel, false, progress);
    }

    /** First pass; with oneWay, each flow counts as the one-way records an exporter would send ({@link org.flowsentry.core.flow.FlowRecords#oneWay}). */
    public static DataProfile profile(List<Path> files, FlowFormat format, String defaultLabel, boolean oneWay,
                                      TrainingProgress progress) throws IOException {
        long[] counts = new long[4];
        Map<String, Long> keys = new TreeMap<>();
        Map<String, Long> labels = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        read(files, format, defaultLabel, oneWay, progress, "profile", r -> {
            counts[0]++;
            if (r.getStartMs() != null) counts[1]++;
            if (r.getSrcAddr() != null && r.getDstAddr() != null) counts[2]++;
            if (!FlowFeatures.noReply(r)) counts[3]++;
            if (r.getFeatures() != null) for (String k : r.getFeatures().keySet()) keys.merge(k, 1L, Long::sum);
            labels.merge(r.getLabel(), 1L, Long::sum);
        });
        return new DataProfile(counts[0], counts[1], counts[2], counts[3], keys, labels);
    }

    /** The layout the trainer uses for data with this profile, with the default bound on pairs per destination. */
    public static FeatureLayout chooseLayout(DataProfile profile, Boolean context) {
        return chooseLayout(profile, context, ContextSpec.DEFAULT.maxPairsPerDestination());
    }

    /**
     * The layout the trainer uses for data with this profile.
     *
     * @param context null = context features when the data supports them
     * @param maxPairsPerDestination sources a destination keeps pair context for (see {@link ContextSpec})
     */
    public static FeatureLayout chooseLayout(DataProfile profile, Boolean context, int maxPairsPerDestination) {
        boolean useContext = context != null ? context : profile.supportsContext();
        if (useContext && !profile.supportsContext()) {
            throw new IllegalArgumentException("context features need timestamps and addresses on the flows; this data has "
                    + profile.timed() + " timed and " + profile.addressed() + " addressed of " + profile.flows());
        }
        return new FeatureLayout(profile.commonExtras(), useContext
                ? ContextSpec.DEFAULT.withOneWayRecords(profile.oneWay()).withMaxPairsPerDestination(maxPairsPerDestination) : null);
    }

    /**
     * Second pass: reads the flows, orders them by event time and computes their vectors.
     *
     * @param benignLabel the data's label for benign flows; it becomes {@link Labels#BENIGN}
     */
    public static FeatureTable load(List<Path> files, FlowFormat format, String defaultLabel, String benignLabel,
                                    FeatureLayout layout, TrainingProgress progress) throws IOException {
        return load(files, format, defaultLabel, benignLabel, false, layout, progress);
    }

    /** Second pass; with oneWay, each flow becomes the one-way records an exporter would send. */
    public static FeatureTable load(List<Path> files, FlowFormat format, String defaultLabel, String benignLabel, boolean oneWay,
                                    FeatureLayout layout, TrainingProgress progress) throws IOException {
        List<FlowRecord> list = new ArrayList<>();
        List<double[]> vectors = new ArrayList<>();
        List<ReadErrors> errors = read(files, format, defaultLabel, oneWay, progress, "read", r -> {
            if (benignLabel != null && benignLabel.equals(r.getLabel())) r.setLabel(Labels.BENIGN);
            double[] v = new double[layout.width()];
            layout.computeFlowPart(r, v);
            r.setFeatures(null); // now in the vector; keeps 100k-flow tables small
            list.add(r);
            vectors.add(v);
        });
        int n = list.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        // Stable: flows without time (or with equal times) keep their file order.
        Arrays.sort(order, Comparator.comparingLong(i -> time(list.get(i), i)));
        FlowRecord[] flows = new FlowRecord[n];
        double[][] raw = new double[n][];
        for (int i = 0; i < n; i++) {
            flows[i] = list.get(order[i]);
            raw[i] = vectors.get(order[i]);
        }
        if (layout.hasContext()) {
            FeatureExtractor context = new FeatureExtractor(layout);
            progress.stage("context features", n);
            for (int i = 0; i < n; i++) {
                context.computeContextPart(flows[i], time(flows[i], i), raw[i]);
                if ((i & 0x3FFF) == 0) progress.stepTo(i);
            }
            progress.stepTo(n);
            progress.done();
        }
        return new FeatureTable(flows, raw, layout, errors);
    }

    private static long time(FlowRecord r, long fallback) {
        return FeatureLayout.eventTime(r, fallback);
    }

    private static List<ReadErrors> read(List<Path> files, FlowFormat format, String defaultLabel, boolean oneWay,
                                         TrainingProgress progress, String stage, java.util.function.Consumer<FlowRecord> sink)
            throws IOException {
        List<ReadErrors> all = new ArrayList<>();
        long total = 0;
        for (Path f : files) total += java.nio.file.Files.size(f);
        progress.stage(stage, total);
        long before = 0;
        for (Path f : files) {
            ReadErrors errors = ReadErrors.unlimited();
            try (FlowReader reader = FlowFiles.open(f, format, errors)) {
                long n = 0;
                while (reader.hasNext()) {
                    FlowRecord r = reader.next();
                    if (defaultLabel != null && r.getLabel() == null) r.setLabel(defaultLabel);
                    if (oneWay) org.flowsentry.core.flow.FlowRecords.oneWay(r).forEach(sink);
                    else sink.accept(r);
                    if ((++n & 0xFFF) == 0) progress.stepTo(before + reader.bytesRead());
                }
            }
            before += java.nio.file.Files.size(f);
            progress.stepTo(before);
            all.add(errors);
        }
        progress.done();
        return all;
    }

    /** Row indexes split by a seeded shuffle: the first share goes to the first list. */
    public static int[][] split(int[] rows, double firstShare, long seed) {
        int[] shuffled = rows.clone();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        int cut = (int) Math.round(shuffled.length * firstShare);
        int[] a = Arrays.copyOf(shuffled, cut);
        int[] b = Arrays.copyOfRange(shuffled, cut, shuffled.length);
        Arrays.sort(a); // back into event-time order
        Arrays.sort(b);
        return new int[][] {a, b};
    }

    public int[] allRows() {
        int[] r = new int[flows.length];
        for (int i = 0; i < r.length; i++) r[i] = i;
        return r;
    }

    /** Scores the given rows with a bundle's scorer (explaining flagged flows), for evaluation and reports. */
    public java.util.List<org.flowsentry.trainer.eval.ScoredFlow> score(org.flowsentry.core.model.EnsembleScorer scorer, int[] rows,
                                                                       TrainingProgress progress) {
        if (!scorer.layout().names().equals(layout.names())) {
            throw new IllegalArgumentException("the table was built for other features than the model's");
        }
        java.util.List<org.flowsentry.trainer.eval.ScoredFlow> out = new ArrayList<>(rows.length);
        progress.stage("score", rows.length);
        org.flowsentry.core.model.EnsembleScorer.Session session = scorer.newSession();
        for (int k = 0; k < rows.length; k++) {
            FlowRecord f = flows[rows[k]];
            out.add(new org.flowsentry.trainer.eval.ScoredFlow(f.getLabel(), f.getAttackCategory(), f.getStartMs(),
                    session.score(raw[rows[k]])));
            if ((k & 0xFFF) == 0) progress.stepTo(k);
        }
        progress.stepTo(rows.length);
        progress.done();
        return out;
    }

    /** Label counts, for the bundle's training summary. */
    public Map<String, Long> labelCounts(int[] rows) {
        Map<String, Long> out = new HashMap<>();
        for (int i : rows) out.merge(flows[i].getLabel() == null ? "(none)" : flows[i].getLabel(), 1L, Long::sum);
        return new TreeMap<>(out);
    }
}
