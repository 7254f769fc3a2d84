package org.flowsentry.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.flowsentry.core.bundle.TestBundles;
import org.flowsentry.core.model.EnsembleScorer;
import org.flowsentry.schema.Scaler;
import org.junit.jupiter.api.Test;

class FeatureImportanceTest {
    private static final EnsembleScorer SCORER = EnsembleScorer.of(TestBundles.kmeans(1));
    private static final int INFORMATIVE = 3;
    private static final int NOISE = 7;

    /**
     * Rows at the scaler's centre (distance 0 from the k-means centroid) except: feature 3 is
     * 30 scales out for attacks only; feature 7 is noise of up to 3 scales in both classes.
     */
    private static double[][] rows(boolean[] attack, long seed) {
        Scaler s = SCORER.scaler().toAvro();
        Random r = new Random(seed);
        double[][] raw = new double[attack.length][SCORER.layout().width()];
        for (int i = 0; i < raw.length; i++) {
            attack[i] = i % 5 == 0;
            for (int j = 0; j < raw[i].length; j++) raw[i][j] = s.getCenter().get(j);
            if (attack[i]) raw[i][INFORMATIVE] += 30 * s.getScale().get(INFORMATIVE);
            raw[i][NOISE] += 3 * r.nextDouble() * s.getScale().get(NOISE);
        }
        return raw;
    }

    @Test
    void informativeFeatureRanksFirstAndNoiseNearZero() {
        boolean[] attack = new boolean[400];
        double[][] raw = rows(attack, 1);
        List<FeatureImportance.Entry> importance = FeatureImportance.permutation(SCORER, raw, attack, 42, 300);

        List<String> names = SCORER.layout().names();
        assertThat(importance).hasSize(names.size());
        assertThat(importance.get(0).feature()).isEqualTo(names.get(INFORMATIVE));
        assertThat(importance.get(0).importance()).isGreaterThan(0.3); // baseline 1.0; shuffled: attacks mostly lose the feature
        double noise = importance.stream().filter(e -> e.feature().equals(names.get(NOISE))).findFirst().orElseThrow().importance();
        assertThat(Math.abs(noise)).isLessThan(0.02);
        for (int k = 1; k < importance.size(); k++) {
            assertThat(importance.get(k).importance()).isLessThanOrEqualTo(importance.get(k - 1).importance());
        }
    }

    @Test
    void sameSeedSameResultAndTheCallersRowsAreUntouched() {
        boolean[] attack = new boolean[200];
        double[][] raw = rows(attack, 2);
        double[][] before = new double[raw.length][];
        for (int i = 0; i < raw.length; i++) before[i] = raw[i].clone();

        List<FeatureImportance.Entry> a = FeatureImportance.permutation(SCORER, raw, attack, 7, 100);
        List<FeatureImportance.Entry> b = FeatureImportance.permutation(SCORER, raw, attack, 7, 100);

        assertThat(a).isEqualTo(b);
        assertThat(raw).isDeepEqualTo(before);
    }

    @Test
    void oneClassGivesUndefinedImportanceWithoutThrowing() {
        boolean[] attack = new boolean[50];
        double[][] raw = rows(attack, 3);
        java.util.Arrays.fill(attack, false);
        assertThat(FeatureImportance.permutation(SCORER, raw, attack, 1, 50)).allMatch(e -> Double.isNaN(e.importance()));
    }

    @Test
    void rowsOfTheWrongWidthAreRefused() {
        assertThatThrownBy(() -> FeatureImportance.permutation(SCORER, new double[][] {{1, 2}}, new boolean[1], 1, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width 2");
    }
}
