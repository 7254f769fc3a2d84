package org.flowsentry.trainer.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.model.EnsembleVerdict;
import org.flowsentry.schema.DetectorVerdict;
import org.flowsentry.schema.Severity;

/** Scored flows built by hand or synthesised, for evaluation and report tests. */
final class TestFlows {
    static final List<String> DETECTORS = List.of("iforest", "kmeans", "forest");
    static final double THRESHOLD = 0.99;

    private TestFlows() {}

    /**
     * A flow scored by the detectors of {@link #DETECTORS}: a detector votes above {@link #THRESHOLD};
     * the ensemble counts the votes of the first two (the forest reports but does not vote), flags
     * on one (LOW) and is HIGH on two; its score is the mean of the first two.
     */
    static ScoredFlow flow(String label, String category, Long timeMs, double... scores) {
        List<DetectorVerdict> detectors = new ArrayList<>();
        int votes = 0;
        for (int d = 0; d < scores.length; d++) {
            boolean vote = scores[d] > THRESHOLD;
            detectors.add(new DetectorVerdict(DETECTORS.get(d), scores[d], scores[d] * 10, THRESHOLD, vote));
            if (vote && d < 2) votes++;
        }
        Severity severity = votes == 0 ? Severity.NONE : votes == 1 ? Severity.LOW : Severity.HIGH;
        boolean flagged = votes >= 1;
        double score = (scores[0] + scores[1]) / 2;
        return new ScoredFlow(label, category, timeMs, new EnsembleVerdict(flagged, score, votes / 2.0, votes, severity, detectors, List.of(), ""));
    }

    /**
     * A synthetic test set: benign scores uniform on [0,1) as calibration makes them, attacks in
     * bursts by category, each detector catching each category with its own probability; one
     * flow in 50 unlabelled. Event times over two hours, or none.
     */
    static List<ScoredFlow> synthetic(int n, long seed, boolean withTime) {
        Random r = new Random(seed);
        String[] categories = {"DoS", "PortScan", "BruteForce", "Infiltration"};
        double[][] caughtShare = {{0.9, 0.6, 0.95}, {0.5, 0.95, 0.9}, {0.3, 0.4, 0.8}, {0.2, 0.1, 0.3}}; // [category][detector]
        long start = 1_700_000_000_000L;
        long span = 2 * 3_600_000L;
        List<ScoredFlow> flows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long t = start + span * i / n;
            int burst = (int) (8L * i / n); // eight phases, attacks in every other one, one category each
            boolean attack = burst % 2 == 1 && r.nextDouble() < 0.35 || r.nextDouble() < 0.01;
            int c = burst % 2 == 1 ? (burst / 2) % categories.length : r.nextInt(categories.length);
            double[] scores = new double[DETECTORS.size()];
            for (int d = 0; d < scores.length; d++) {
                boolean caught = attack && r.nextDouble() < caughtShare[c][d];
                scores[d] = caught ? THRESHOLD + (1 - THRESHOLD) * Math.sqrt(r.nextDouble()) : r.nextDouble();
                if (attack && !caught) scores[d] = Math.min(scores[d] + 0.2, THRESHOLD); // near-misses rank above benign
            }
            String label = r.nextInt(50) == 0 ? null : attack ? categories[c] + "-variant" : Labels.BENIGN;
            String category = attack && c != 3 ? categories[c] : null; // Infiltration has no category: grouped by label
            flows.add(flow(label, label == null ? null : category, withTime ? t : null, scores));
        }
        return flows;
    }
}
