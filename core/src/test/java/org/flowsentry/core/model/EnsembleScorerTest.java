package org.flowsentry.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.flowsentry.core.bundle.TestBundles;
import org.flowsentry.schema.FeatureContribution;
import org.flowsentry.schema.ModelBundle;
import org.flowsentry.schema.Severity;
import org.junit.jupiter.api.Test;

class EnsembleScorerTest {

    /** A raw vector whose scaled form sits at the k-means centroid (0): benign for every detector. */
    private static double[] atCentre(EnsembleScorer s) {
        ModelBundle b = s.bundle();
        double[] raw = new double[s.layout().width()];
        for (int j = 0; j < raw.length; j++) raw[j] = b.getScaler().getCenter().get(j);
        return raw;
    }

    @Test
    void aFlowAtTheCentreIsNotFlaggedAndAFarOneIsFlaggedByEveryDetector() {
        EnsembleScorer s = EnsembleScorer.of(TestBundles.kmeans(1));
        EnsembleVerdict normal = s.score(atCentre(s));
        assertThat(normal.flagged()).isFalse();
        assertThat(normal.votes()).isZero();
        assertThat(normal.severity()).isEqualTo(Severity.NONE);
        assertThat(normal.score()).isEqualTo(0.0);
        assertThat(normal.explanation()).isEmpty();

        double[] far = atCentre(s);
        far[0] += 1000 * s.bundle().getScaler().getScale().get(0);
        EnsembleVerdict odd = s.score(far);
        assertThat(odd.flagged()).isTrue();
        assertThat(odd.votes()).isEqualTo(3);
        assertThat(odd.confidence()).isEqualTo(1.0);
        assertThat(odd.severity()).isEqualTo(Severity.HIGH); // the test bundle has highVotes 3
        assertThat(odd.score()).isGreaterThan(0.99).isLessThanOrEqualTo(1.0);
        assertThat(odd.topFeatures().get(0).getName()).isEqualTo(s.layout().names().get(0));
        assertThat(odd.explanation()).startsWith("3 of 3 detectors flag this flow (kmeans_a, kmeans_b, kmeans_c); most unusual: "
                + s.layout().names().get(0));
    }

    @Test
    void theCombinedScoreIsOneMinusTheGeometricMeanOfTheDetectorsPValues() {
        EnsembleScorer s = EnsembleScorer.of(TestBundles.kmeans(1));
        double[] x = atCentre(s);
        x[0] += 3 * s.bundle().getScaler().getScale().get(0);
        EnsembleVerdict v = s.score(x);
        double logs = 0;
        for (var d : v.detectors()) logs += Math.log(1 - d.getScore());
        assertThat(v.score()).isCloseTo(1 - Math.exp(logs / 3), within(1e-12));
    }

    @Test
    void aDetectorThatDoesNotVoteIsReportedButNotCounted() {
        ModelBundle b = TestBundles.kmeans(1);
        b.getDetectors().get(2).setVotes(false);
        EnsembleScorer s = EnsembleScorer.of(b);
        double[] far = atCentre(s);
        far[1] += 1000 * b.getScaler().getScale().get(1);
        EnsembleVerdict v = s.score(far);
        assertThat(v.detectors()).hasSize(3);
        assertThat(v.detectors().get(2).getVote()).isTrue();
        assertThat(v.votes()).isEqualTo(2);
        assertThat(v.confidence()).isEqualTo(1.0);
        assertThat(v.severity()).isEqualTo(Severity.LOW); // 2 votes: min 2, medium 3
    }

    @Test
    void topFeaturesAreTheLargestDeviationsWithTiesInFeatureOrder() {
        EnsembleScorer s = EnsembleScorer.of(TestBundles.kmeans(1));
        int k = s.bundle().getEnsemble().getTopFeatures();
        SplittableRandom r = new SplittableRandom(5);
        int ties = 0;
        for (int n = 0; n < 2000; n++) {
            double[] raw = new double[s.layout().width()];
            // Few distinct values: every feature of this bundle scales alike, so equal values tie exactly.
            for (int j = 0; j < raw.length; j++) raw[j] = r.nextInt(-6, 19);
            double[] x = s.scaler().transform(raw);
            List<Integer> expected = IntStream.range(0, x.length).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(j -> -Math.abs(x[j])).thenComparingInt(j -> j))
                    .limit(k).toList();
            List<FeatureContribution> top = s.score(raw, true).topFeatures();
            assertThat(top.stream().map(FeatureContribution::getName).toList())
                    .isEqualTo(expected.stream().map(j -> s.layout().names().get(j)).toList());
            for (int i = 0; i < top.size(); i++) assertThat(top.get(i).getContribution()).isEqualTo(Math.abs(x[expected.get(i)]));
            if (Math.abs(x[expected.get(k - 1)]) == Math.abs(x[expected.get(k - 2)])) ties++;
        }
        System.out.printf("[top-features] 2000 flows, top %d each; %d with a tie at the last two places%n", k, ties);
        assertThat(ties).isGreaterThan(100);
    }

    @Test
    void aSessionGivesTheSameVerdictsAndKeepsNoneOfThemInItsArrays() {
        EnsembleScorer s = EnsembleScorer.of(TestBundles.kmeans(1));
        EnsembleScorer.Session session = s.newSession();
        SplittableRandom r = new SplittableRandom(9);
        double[][] flows = new double[200][];
        EnsembleVerdict[] verdicts = new EnsembleVerdict[flows.length];
        int flagged = 0;
        for (int n = 0; n < flows.length; n++) {
            double[] raw = atCentre(s);
            for (int j = 0; j < raw.length; j++) raw[j] += r.nextGaussian() * (n % 3 == 0 ? 50 : 0.5) * s.bundle().getScaler().getScale().get(j);
            flows[n] = raw;
            verdicts[n] = session.score(raw);
            assertThat(verdicts[n]).isEqualTo(s.score(raw));
            if (verdicts[n].flagged()) flagged++;
        }
        assertThat(flagged).isBetween(1, flows.length - 1);
        // Verdicts kept while later flows were scored (as alerts keep them) still say what they said.
        for (int n = 0; n < flows.length; n++) assertThat(verdicts[n]).isEqualTo(s.score(flows[n]));
        assertThat(session.score(flows[0], true)).isEqualTo(s.score(flows[0], true));
    }

    @Test
    void scoringOnlyFlaggedFlowsGivesTheFullVerdictOfEveryFlaggedFlowAndNullForTheOthers() {
        for (boolean lastVotes : new boolean[] {true, false}) {
            ModelBundle b = TestBundles.kmeans(1);
            b.getDetectors().get(0).getCalibration().setThreshold(0.5); // the three detectors alike: make them disagree
            b.getDetectors().get(2).setVotes(lastVotes);
            EnsembleScorer s = EnsembleScorer.of(b);
            EnsembleScorer.Session session = s.newSession();
            SplittableRandom r = new SplittableRandom(11);
            int flagged = 0;
            int oneVote = 0;
            for (int n = 0; n < 3000; n++) {
                double[] raw = atCentre(s);
                double spread = new double[] {0.5, 0.8, 0.9, 1.1, 50}[n % 5];
                for (int j = 0; j < raw.length; j++) raw[j] += r.nextGaussian() * spread * b.getScaler().getScale().get(j);
                EnsembleVerdict full = s.score(raw);
                EnsembleVerdict onlyFlagged = session.scoreIfFlagged(raw);
                if (full.flagged()) {
                    assertThat(onlyFlagged).isEqualTo(full);
                    flagged++;
                } else {
                    assertThat(onlyFlagged).isNull();
                }
                if (full.votes() == 1) oneVote++;
            }
            System.out.printf("[only-flagged] last detector votes=%s: 3000 flows, %d flagged, %d with one vote%n", lastVotes, flagged, oneVote);
            assertThat(flagged).isBetween(1, 2999);
            assertThat(oneVote).as("flows at the boundary, where stopping early must not happen").isPositive();
        }
    }

    @Test
    void inconsistentEnsembleSettingsAreRefused() {
        ModelBundle b = TestBundles.kmeans(1);
        b.getEnsemble().setMinVotes(4);
        assertThatThrownBy(() -> EnsembleScorer.of(b)).hasMessageContaining("minVotes 4 must be in 1..3");
    }
}
