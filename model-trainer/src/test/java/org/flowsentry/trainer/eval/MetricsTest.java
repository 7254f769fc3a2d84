package org.flowsentry.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
    // Twelve flows with tied scores across classes (0.35, 0.4 twice).
    private static final boolean[] TRUTH = bools(0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0);
    private static final double[] SCORES = {0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.2, 0.7, 0.05, 0.35, 0.6};

    @Test
    void rocAucWithTiesEqualsScikitLearn() {
        // /usr/bin/python3: sklearn.metrics.roc_auc_score(TRUTH, SCORES) (scikit-learn 1.2.1, Debian 12)
        assertThat(Metrics.rocAuc(TRUTH, SCORES)).isCloseTo(0.6285714285714286, within(1e-12));
    }

    @Test
    void prAucIsStepwiseAveragePrecisionAsScikitLearn() {
        // sklearn.metrics.average_precision_score(TRUTH, SCORES)
        assertThat(Metrics.of(TRUTH, SCORES, new boolean[12]).prAuc()).isCloseTo(0.5412698412698412, within(1e-12));
        // By hand: ranked P, N, P, N -> 1/2 * 1/1 + 1/2 * 2/3
        assertThat(Metrics.of(bools(0, 0, 1, 1), new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[4]).prAuc())
                .isCloseTo(0.5 + 1.0 / 3, within(1e-12));
    }

    @Test
    void rocAucCountsOnePositiveNegativePairPerPairAndTiesHalf() {
        // Pairs (P,N): 0.8>0.1, 0.8>0.4, 0.35>0.1, 0.35<0.4 -> 3/4
        assertThat(Metrics.rocAuc(bools(0, 0, 1, 1), new double[] {0.1, 0.4, 0.35, 0.8})).isEqualTo(0.75);
        // One tied pair counts 1/2: (0.5 vs 0.5) -> 1/2, (0.5 > 0.2) -> 1: 3/4
        assertThat(Metrics.rocAuc(bools(1, 0, 0), new double[] {0.5, 0.5, 0.2})).isEqualTo(0.75);
    }

    @Test
    void allScoresTiedGiveChanceAucAndPrevalenceAveragePrecision() {
        Metrics m = Metrics.of(bools(1, 0, 1, 0), new double[] {0.5, 0.5, 0.5, 0.5}, new boolean[4]);
        assertThat(m.rocAuc()).isEqualTo(0.5); // sklearn: 0.5
        assertThat(m.prAuc()).isEqualTo(0.5); // sklearn: 0.5
    }

    @Test
    void confusionCountsAndRatiosFromTheDecision() {
        Metrics m = Metrics.of(bools(1, 1, 1, 0, 0, 0, 0), new double[7], bools(1, 1, 0, 1, 0, 0, 0));
        assertThat(new long[] {m.tp(), m.fp(), m.tn(), m.fn()}).containsExactly(2, 1, 3, 1);
        assertThat(m.precision()).isEqualTo(2.0 / 3);
        assertThat(m.recall()).isEqualTo(2.0 / 3);
        assertThat(m.f1()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(m.accuracy()).isEqualTo(5.0 / 7);
    }

    @Test
    void onlyBenignFlowsLeaveAucsAndRecallUndefinedWithoutThrowing() {
        Metrics m = Metrics.of(bools(0, 0, 0), new double[] {0.1, 0.9, 0.5}, bools(0, 1, 0));
        assertThat(m.rocAuc()).isNaN();
        assertThat(m.prAuc()).isNaN();
        assertThat(m.recall()).isNaN();
        assertThat(m.precision()).isEqualTo(0.0);
        assertThat(m.f1()).isEqualTo(0.0);
        assertThat(m.accuracy()).isEqualTo(2.0 / 3);
    }

    @Test
    void onlyAttackFlowsHavePerfectAveragePrecisionAndNoRocAuc() {
        Metrics m = Metrics.of(bools(1, 1, 1), new double[] {0.2, 0.5, 0.5}, bools(0, 0, 0));
        assertThat(m.rocAuc()).isNaN();
        assertThat(m.prAuc()).isEqualTo(1.0); // sklearn: 1.0
        assertThat(m.precision()).isNaN(); // nothing flagged
        assertThat(m.recall()).isEqualTo(0.0);
        assertThat(m.f1()).isEqualTo(0.0);
    }

    @Test
    void noFlowsGiveUndefinedMetrics() {
        Metrics m = Metrics.of(new boolean[0], new double[0], new boolean[0]);
        assertThat(List.of(m.rocAuc(), m.prAuc(), m.precision(), m.recall(), m.f1(), m.accuracy())).allMatch(v -> v.isNaN());
    }

    @Test
    void undefinedMetricsAreJsonNull() {
        ObjectNode json = Metrics.of(bools(0, 0), new double[] {0.1, 0.2}, bools(0, 0)).toJson();
        assertThat(json.get("roc_auc").isNull()).isTrue();
        assertThat(json.get("precision").isNull()).isTrue();
        assertThat(json.get("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(json.get("confusion").get("tn").asLong()).isEqualTo(2);
    }

    static boolean[] bools(int... v) {
        boolean[] b = new boolean[v.length];
        for (int i = 0; i < v.length; i++) b[i] = v[i] != 0;
        return b;
    }
}
