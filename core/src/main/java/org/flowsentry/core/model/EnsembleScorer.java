package org.flowsentry.core.model;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;
import java.util.stream.IntStream;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.features.FeatureScaler;
import org.flowsentry.schema.Detector;
import org.flowsentry.schema.DetectorVerdict;
import org.flowsentry.schema.EnsembleSettings;
import org.flowsentry.schema.FeatureContribution;
import org.flowsentry.schema.ModelBundle;
import org.flowsentry.schema.Severity;

/**
 * Scores raw feature vectors with every detector of a bundle: scale, score, calibrate, vote.
 * A flow is flagged when at least minVotes voting detectors vote; confidence is the share of
 * voting detectors that voted; severity follows the vote count. The combined score joins the
 * voting detectors' calibrated scores by Fisher's method: each 1 - p is the flow's p-value under
 * benign traffic, and the score is 1 - their geometric mean, so one very confident detector
 * counts for more than several lukewarm ones. Immutable and thread-safe.
 */
public final class EnsembleScorer {
    /** Floor on a detector's p-value (1 - calibrated score), so that -log stays finite. */
    private static final double MIN_P_VALUE = 1e-12;

    private final ModelBundle bundle;
    private final FeatureLayout layout;
    private final FeatureScaler scaler;
    private final String[] names;
    private final DetectorScorer[] scorers;
    private final Calibrator[] calibrators;
    private final boolean[] voting;
    /** Detector indices, cheapest first (see {@link Session#scoreIfFlagged}). */
    private final int[] evaluationOrder;
    private final int votingCount;
    private final EnsembleSettings settings;

    private EnsembleScorer(ModelBundle bundle) {
        this.bundle = bundle;
        layout = FeatureLayout.of(bundle.getFeatureSpec());
        scaler = FeatureScaler.of(bundle.getScaler());
        Arrays2.require(scaler.width() == layout.width(), "scaler width " + scaler.width()
                + " does not match the " + layout.width() + " features of the spec");
        List<Detector> ds = bundle.getDetectors();
        Arrays2.require(!ds.isEmpty(), "bundle has no detectors");
        int n = ds.size();
        names = new String[n];
        scorers = new DetectorScorer[n];
        calibrators = new Calibrator[n];
        voting = new boolean[n];
        int v = 0;
        for (int i = 0; i < n; i++) {
            Detector d = ds.get(i);
            names[i] = d.getName();
            scorers[i] = DetectorScorers.create(d, layout.width());
            calibrators[i] = new Calibrator(d.getCalibration());
            voting[i] = d.getVotes();
            if (voting[i]) v++;
        }
        votingCount = v;
        evaluationOrder = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingInt(i -> DetectorScorers.costRank(ds.get(i))))
                .mapToInt(Integer::intValue).toArray();
        settings = bundle.getEnsemble();
        Arrays2.require(votingCount > 0, "bundle has no voting detector");
        Arrays2.require(settings.getMinVotes() >= 1 && settings.getMinVotes() <= votingCount,
                "minVotes " + settings.getMinVotes() + " must be in 1.." + votingCount);
        Arrays2.require(settings.getMediumVotes() >= settings.getMinVotes() && settings.getHighVotes() >= settings.getMediumVotes(),
                "severity vote counts must satisfy minVotes <= mediumVotes <= highVotes");
    }

    /**
     * Builds the scorer of a bundle.
     *
     * @throws IllegalArgumentException when the bundle is inconsistent or its features are not what this code computes
     */
    public static EnsembleScorer of(ModelBundle bundle) {
        return new EnsembleScorer(bundle);
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public FeatureLayout layout() {
        return layout;
    }

    public FeatureScaler scaler() {
        return scaler;
    }

    public String modelId() {
        return bundle.getModelId();
    }

    public long modelVersion() {
        return bundle.getModelVersion();
    }

    public List<String> detectorNames() {
        return List.of(names);
    }

    /**
     * Scores a raw (unscaled) feature vector; explains it only when flagged. Makes new working
     * arrays for the flow: to score many flows, use a {@link Session}.
     */
    public EnsembleVerdict score(double[] raw) {
        return score(raw, false);
    }

    /** Scores a raw feature vector; with explainAlways, top features are computed for every flow. */
    public EnsembleVerdict score(double[] raw, boolean explainAlways) {
        return newSession().score(raw, explainAlways);
    }

    /** Working arrays for scoring flows one after another on one thread. */
    public Session newSession() {
        return new Session(this);
    }

    /**
     * The working arrays of one caller (the scaled vector, each detector's scratch), reused from
     * flow to flow so that scoring a flow that is not flagged allocates only its verdict (about
     * 230 bytes instead of 4.4 KB: less garbage for the job's collector). Owned by one thread
     * (the job keeps one per operator instance); not thread-safe. Verdicts do not share its
     * arrays: each stays valid after the next flow is scored.
     */
    public static final class Session {
        private final EnsembleScorer scorer;
        private final double[] scaled;
        private final DetectorScorer.Scratch[] scratch;
        // Each detector's raw and calibrated score and vote for the flow being scored; a verdict gets copies.
        private final double[] raw;
        private final double[] calibrated;
        private final boolean[] votedBy;

        private Session(EnsembleScorer scorer) {
            this.scorer = scorer;
            int n = scorer.scorers.length;
            raw = new double[n];
            calibrated = new double[n];
            votedBy = new boolean[n];
            scaled = new double[scorer.scaler.width()];
            scratch = new DetectorScorer.Scratch[n];
            for (int i = 0; i < scratch.length; i++) scratch[i] = scorer.scorers[i].newScratch();
        }

        /** The scorer this session scores with. */
        public EnsembleScorer scorer() {
            return scorer;
        }

        /** As {@link EnsembleScorer#score(double[])}. */
        public EnsembleVerdict score(double[] raw) {
            return scorer.score(raw, false, false, this);
        }

        /** As {@link EnsembleScorer#score(double[], boolean)}. */
        public EnsembleVerdict score(double[] raw, boolean explainAlways) {
            return scorer.score(raw, explainAlways, false, this);
        }

        /**
         * The verdict of {@link #score(double[])} when the flow is flagged, else null, deciding as
         * soon as the detectors not yet evaluated could no longer reach minVotes: with the default
         * 2 of 5 votes, a flow none of the four cheaper detectors votes for is not flagged whatever
         * the dearest says, so that one is skipped. Each detector is asked only whether it votes
         * ({@link DetectorScorer#scoreAtLeast} with the lowest score that votes), so the forest and
         * k-means may stop part way on a flow they do not vote for; when the flow is flagged after
         * all, they finish those scores for the verdict from where they stopped. For callers that use
         * only flagged verdicts.
         */
        public EnsembleVerdict scoreIfFlagged(double[] raw) {
            return scorer.score(raw, false, true, this);
        }
    }

    /** The verdict; null when stopEarly and the flow cannot be flagged. */
    private EnsembleVerdict score(double[] raw, boolean explainAlways, boolean stopEarly, Session session) {
        double[] x = session.scaled;
        scaler.transform(raw, x);
        double[] rawScores = session.raw;
        double[] calibrated = session.calibrated;
        boolean[] votedBy = session.votedBy;
        int votes = 0;
        int votingLeft = votingCount;
        for (int i : evaluationOrder) {
            // -infinity when a scorer stopped below its floor: no vote.
            double r = stopEarly ? scorers[i].scoreAtLeast(x, session.scratch[i], calibrators[i].lowestVotingRaw()) : scorers[i].score(x, session.scratch[i]);
            rawScores[i] = r;
            // Calibrated below, only for the verdicts returned.
            votedBy[i] = calibrators[i].votesRaw(r);
            if (voting[i]) {
                votingLeft--;
                if (votedBy[i]) votes++;
                if (stopEarly && votes + votingLeft < settings.getMinVotes()) return null;
            }
        }
        boolean flagged = votes >= settings.getMinVotes();
        if (stopEarly) finishStopped(x, session); // flagged: the verdict reports every detector's score
        for (int i = 0; i < scorers.length; i++) calibrated[i] = calibrators[i].calibrate(rawScores[i]);
        double sum = 0;
        for (int i = 0; i < scorers.length; i++) { // in bundle order, whatever the evaluation order: the same sum
            if (voting[i]) sum += -Math.log(Math.max(1.0 - calibrated[i], MIN_P_VALUE));
        }
        Severity severity = !flagged ? Severity.NONE
                : votes >= settings.getHighVotes() ? Severity.HIGH
                : votes >= settings.getMediumVotes() ? Severity.MEDIUM : Severity.LOW;
        List<FeatureContribution> top = List.of();
        String explanation = "";
        if (flagged || explainAlways) {
            top = topFeatures(raw, x, settings.getTopFeatures());
            explanation = explain(votes, votedBy, top);
        }
        return new EnsembleVerdict(flagged, 1.0 - Math.exp(-sum / votingCount), (double) votes / votingCount, votes, severity,
                new Verdicts(rawScores.clone(), calibrated.clone(), votedBy.clone()), top, explanation);
    }

    /**
     * Completes the raw scores that scorers stopped early on (below their floor, so they do not
     * vote: votes and severity stand), equal to what {@link #score(double[])} computes.
     */
    private void finishStopped(double[] x, Session session) {
        for (int i = 0; i < scorers.length; i++) {
            if (session.raw[i] != Double.NEGATIVE_INFINITY) continue;
            session.raw[i] = scorers[i].finishScore(x, session.scratch[i]);
        }
    }

    /**
     * The detectors' verdicts on one flow as a list whose elements are built when read: most flows
     * are never flagged nor emitted, and building five records for each of them cost about a third
     * of the scoring time.
     */
    private final class Verdicts extends AbstractList<DetectorVerdict> implements RandomAccess {
        private final double[] raw;
        private final double[] calibrated;
        private final boolean[] votes;

        Verdicts(double[] raw, double[] calibrated, boolean[] votes) {
            this.raw = raw;
            this.calibrated = calibrated;
            this.votes = votes;
        }

        @Override
        public DetectorVerdict get(int i) {
            return new DetectorVerdict(names[i], calibrated[i], raw[i], calibrators[i].threshold(), votes[i]);
        }

        @Override
        public int size() {
            return names.length;
        }
    }

    /**
     * The features that make the flow most unusual: largest absolute scaled values, i.e. the
     * largest deviations from the benign median in robust standard deviations.
     */
    private List<FeatureContribution> topFeatures(double[] raw, double[] x, int k) {
        int slots = Math.min(k, x.length);
        if (slots <= 0) return List.of();
        int[] best = new int[slots];
        double[] bestAbs = new double[slots]; // descending, ties in feature order
        int filled = 0;
        for (int j = 0; j < x.length; j++) {
            double a = Math.abs(x[j]); // never NaN: the scaler fills missing values
            if (filled == slots && !(a > bestAbs[slots - 1])) continue; // most features: beats none
            int s = 0;
            while (s < filled && !(a > bestAbs[s])) s++; // the first slot it beats, else the first free one
            for (int t = Math.min(filled, slots - 1); t > s; t--) {
                best[t] = best[t - 1];
                bestAbs[t] = bestAbs[t - 1];
            }
            best[s] = j;
            bestAbs[s] = a;
            if (filled < slots) filled++;
        }
        List<FeatureContribution> out = new ArrayList<>(filled);
        for (int i = 0; i < filled; i++) {
            int j = best[i];
            out.add(new FeatureContribution(layout.names().get(j), raw[j], x[j], bestAbs[i]));
        }
        return out;
    }

    private String explain(int votes, boolean[] votedBy, List<FeatureContribution> top) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(votes).append(" of ").append(votingCount).append(" detectors flag this flow");
        if (votes > 0) {
            sb.append(" (");
            String separator = "";
            for (int i = 0; i < names.length; i++) {
                if (voting[i] && votedBy[i]) {
                    sb.append(separator).append(names[i]);
                    separator = ", ";
                }
            }
            sb.append(')');
        }
        if (!top.isEmpty()) {
            sb.append("; most unusual: ");
            for (int i = 0; i < top.size(); i++) {
                FeatureContribution f = top.get(i);
                if (i > 0) sb.append(", ");
                sb.append(f.getName()).append('=');
                appendValue(sb, f.getValue());
                sb.append(" (").append(f.getScaledValue() >= 0 ? "+" : "");
                DecimalText.appendFixed(sb, f.getScaledValue(), 1).append(" sd)");
            }
        }
        return sb.toString();
    }

    /**
     * A raw value in an explanation: "missing" for NaN, an integer as such, else three significant
     * digits, the text of String.format(Locale.US, "%.3g", v) (the same on every machine; a
     * German locale would write "1,5"), made by {@link DecimalText} without a Formatter.
     */
    private static void appendValue(StringBuilder sb, double v) {
        if (Double.isNaN(v)) sb.append("missing");
        else if (v == Math.rint(v) && Math.abs(v) < 1e15) sb.append((long) v);
        else DecimalText.appendGeneral(sb, v, 3);
    }
}
