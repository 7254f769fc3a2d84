package org.flowsentry.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowsentry.trainer.eval.TestFlows.DETECTORS;
import static org.flowsentry.trainer.eval.TestFlows.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.schema.Severity;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    private static final String B = Labels.BENIGN;
    private static final List<String> METRIC_KEYS = List.of("roc_auc", "pr_auc", "precision", "recall", "f1", "accuracy", "confusion");

    /** Detector scores: iforest, kmeans, forest; a vote is a score above 0.99; the ensemble flags on one vote of the first two. */
    private static final List<ScoredFlow> FLOWS = List.of(
            flow(B, null, 1000L, 0.10, 0.20, 0.30),
            flow(B, null, 2000L, 0.995, 0.50, 0.10),          // false positive (iforest)
            flow(B, null, 3000L, 0.40, 0.30, 0.20),
            flow("DoS Hulk", "DoS", 4000L, 0.999, 0.998, 0.995), // caught by all: HIGH
            flow("DoS slowloris", "DoS", 5000L, 0.50, 0.60, 0.999), // only the forest: not flagged
            flow("PortScan", null, 6000L, 0.20, 0.997, 0.10),  // no category: grouped by label; LOW
            flow(null, null, 7000L, 0.999, 0.999, 0.999));     // unknown label: counted, HIGH, kept out of metrics

    @Test
    void jsonHasExactlyTheContractedShape() {
        ObjectNode json = Evaluation.of(DETECTORS, FLOWS).toJson();
        assertThat(fields(json)).containsExactly("ensemble", "detectors", "per_category", "flows", "severity");
        assertThat(fields(json.get("ensemble"))).containsExactlyElementsOf(METRIC_KEYS);
        assertThat(fields(json.get("ensemble").get("confusion"))).containsExactly("tp", "fp", "tn", "fn");
        assertThat(fields(json.get("detectors"))).containsExactlyElementsOf(DETECTORS);
        for (String d : DETECTORS) assertThat(fields(json.get("detectors").get(d))).containsExactlyElementsOf(METRIC_KEYS);
        assertThat(fields(json.get("per_category"))).containsExactly("DoS", "PortScan");
        assertThat(fields(json.get("per_category").get("DoS"))).containsExactly("flows", "detected", "recall", "detectors");
        assertThat(fields(json.get("per_category").get("DoS").get("detectors"))).containsExactlyElementsOf(DETECTORS);
        assertThat(fields(json.get("per_category").get("DoS").get("detectors").get("forest"))).containsExactly("detected", "recall");
        assertThat(fields(json.get("flows"))).containsExactly("total", "labelled", "benign", "attack");
        assertThat(fields(json.get("severity"))).containsExactly("LOW", "MEDIUM", "HIGH");
    }

    @Test
    void jsonValuesOfAHandCountedTestSet() {
        JsonNode json = Evaluation.of(DETECTORS, FLOWS).toJson();
        JsonNode e = json.get("ensemble");
        // Flagged: flow 2 (benign), 4 (DoS), 6 (PortScan); not flagged: 1, 3 (benign), 5 (DoS).
        assertThat(confusion(e)).containsExactly(2, 1, 2, 1);
        assertThat(e.get("precision").asDouble()).isEqualTo(2.0 / 3);
        assertThat(e.get("recall").asDouble()).isEqualTo(2.0 / 3);
        assertThat(e.get("accuracy").asDouble()).isEqualTo(4.0 / 6);
        // Ensemble score = mean(iforest, kmeans): benign 0.15, 0.7475, 0.35; attacks 0.9985, 0.55, 0.5985.
        // Pairs won: 0.9985 beats 3, 0.55 beats 2, 0.5985 beats 2 -> 7/9.
        assertThat(e.get("roc_auc").asDouble()).isEqualTo(7.0 / 9);
        JsonNode forest = json.get("detectors").get("forest");
        assertThat(confusion(forest)).containsExactly(2, 0, 3, 1);
        // Forest: 0.995 and 0.999 beat all three benign; 0.10 ties benign 0.10 (1/2), loses to 0.30 and 0.20.
        assertThat(forest.get("roc_auc").asDouble()).isEqualTo(6.5 / 9);
        JsonNode dos = json.get("per_category").get("DoS");
        assertThat(dos.get("flows").asLong()).isEqualTo(2);
        assertThat(dos.get("detected").asLong()).isEqualTo(1);
        assertThat(dos.get("recall").asDouble()).isEqualTo(0.5);
        assertThat(dos.get("detectors").get("forest").get("recall").asDouble()).isEqualTo(1.0);
        assertThat(dos.get("detectors").get("kmeans").get("detected").asLong()).isEqualTo(1);
        assertThat(json.get("per_category").get("PortScan").get("recall").asDouble()).isEqualTo(1.0);
        JsonNode flows = json.get("flows");
        assertThat(new long[] {flows.get("total").asLong(), flows.get("labelled").asLong(), flows.get("benign").asLong(),
                flows.get("attack").asLong()}).containsExactly(7, 6, 3, 3);
        JsonNode severity = json.get("severity");
        assertThat(new long[] {severity.get("LOW").asLong(), severity.get("MEDIUM").asLong(), severity.get("HIGH").asLong()})
                .containsExactly(2, 0, 2);
    }

    @Test
    void unlabelledFlowsOnlyAreCountedWithUndefinedMetrics() {
        Evaluation eval = Evaluation.of(DETECTORS, List.of(flow(null, null, null, 0.999, 0.999, 0.5)));
        assertThat(eval.flows()).isEqualTo(new Evaluation.FlowCounts(1, 0, 0, 0));
        assertThat(eval.ensemble().rocAuc()).isNaN();
        assertThat(eval.toJson().get("ensemble").get("f1").isNull()).isTrue();
        assertThat(eval.severity()).containsEntry(Severity.HIGH, 1L);
        assertThat(eval.perCategory()).isEmpty();
    }

    @Test
    void noFlowsEvaluateWithoutThrowing() {
        Evaluation eval = Evaluation.of(DETECTORS, List.of());
        assertThat(eval.flows().total()).isZero();
        assertThat(fields(eval.toJson())).hasSize(5);
    }

    @Test
    void verdictsOfOtherDetectorsAreRefused() {
        assertThatThrownBy(() -> Evaluation.of(List.of("iforest", "lof", "forest"), FLOWS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lof");
    }

    private static long[] confusion(JsonNode metrics) {
        JsonNode c = metrics.get("confusion");
        return new long[] {c.get("tp").asLong(), c.get("fp").asLong(), c.get("tn").asLong(), c.get("fn").asLong()};
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
