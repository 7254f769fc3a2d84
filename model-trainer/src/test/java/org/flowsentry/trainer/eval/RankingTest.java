package org.flowsentry.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowsentry.trainer.eval.MetricsTest.bools;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RankingTest {
    @Test
    void rocCurveSharesOnePointPerTiedScoreFromOriginToOneOne() {
        // Descending: 0.8 P | 0.4 N,N,P (tied) | 0.1 N
        double[][] roc = Ranking.of(bools(1, 0, 0, 1, 0), new double[] {0.8, 0.4, 0.4, 0.4, 0.1}).rocCurve(100);
        assertThat(roc[0]).containsExactly(0, 0, 2.0 / 3, 1);
        assertThat(roc[1]).containsExactly(0, 0.5, 1, 1);
    }

    @Test
    void precisionRecallCurveAtEachThreshold() {
        double[][] pr = Ranking.of(bools(1, 0, 0, 1, 0), new double[] {0.8, 0.4, 0.4, 0.4, 0.1}).precisionRecallCurve(100);
        assertThat(pr[0]).containsExactly(0.5, 1, 1);
        assertThat(pr[1]).containsExactly(1, 0.5, 0.4);
    }

    @Test
    void curvesOfManyFlowsAreThinnedButKeepTheirEnd() {
        Random r = new Random(3);
        boolean[] truth = new boolean[100_000];
        double[] score = new double[truth.length];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = r.nextInt(10) == 0;
            score[i] = r.nextDouble() + (truth[i] ? 0.5 : 0);
        }
        double[][] roc = Ranking.of(truth, score).rocCurve(500);
        assertThat(roc[0].length).isBetween(400, 502);
        assertThat(roc[0][roc[0].length - 1]).isEqualTo(1.0);
        assertThat(roc[1][roc[1].length - 1]).isEqualTo(1.0);
    }

    @Test
    void oneClassHasNoRocCurve() {
        assertThat(Ranking.of(bools(0, 0), new double[] {1, 2}).rocCurve(10)[0]).isEmpty();
        assertThat(Ranking.of(bools(0, 0), new double[] {1, 2}).precisionRecallCurve(10)[0]).isEmpty();
    }

    @Test
    void nanScoreIsRefusedWithItsRow() {
        assertThatThrownBy(() -> Ranking.of(bools(0, 1), new double[] {0.1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
    }
}
