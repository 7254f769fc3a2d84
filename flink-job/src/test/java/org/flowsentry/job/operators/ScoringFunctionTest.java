package org.flowsentry.job.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowsentry.job.operators.Harnesses.deadLetters;
import static org.flowsentry.job.operators.Harnesses.keyedEntries;

import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.flowsentry.core.bundle.TestBundles;
import org.flowsentry.job.JobDescriptors;
import org.flowsentry.job.TestFlows;
import org.flowsentry.job.TestModels;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.job.support.Alerts;
import org.flowsentry.job.support.ModelView;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.ModelBundle;
import org.flowsentry.schema.Severity;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // harnesses' close() declares InterruptedException
class ScoringFunctionTest {
    static final ModelBundle BUNDLE = TestBundles.kmeans(1);
    static final long SPEC = ModelView.specId(BUNDLE.getFeatureSpec());
    static final int WIDTH = BUNDLE.getFeatureSpec().getNames().size();

    private static KeyedBroadcastOperatorTestHarness<String, FlowEvent, byte[], Alert> harness(ScoringFunction fn) throws Exception {
        var h = Harnesses.keyed(fn, FlowEvent::sourceKey);
        h.setProcessingTime(99_000L);
        return h;
    }

    /** A flow whose vector sits at the scaler's centre (typical) or far from it (anomalous). */
    private static FlowEvent flow(String src, long offset, boolean anomalous) {
        FlowEvent e = TestFlows.event(TestFlows.tcp(src, "10.1.0.1", 22, TestFlows.T0 + offset), offset);
        e.flow.setLabel(anomalous ? "SSH-BruteForce" : "BENIGN");
        e.flow.setAttackCategory(anomalous ? "BruteForce" : null);
        e.features = new double[WIDTH];
        for (int j = 0; j < WIDTH; j++) e.features[j] = anomalous ? 1e6 : BUNDLE.getScaler().getCenter().get(j);
        e.specId = SPEC;
        e.featureModelVersion = 1;
        return e;
    }

    private static List<Alert> scored(KeyedBroadcastOperatorTestHarness<String, FlowEvent, byte[], Alert> h) {
        var side = h.getSideOutput(JobDescriptors.SCORED);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void flaggedFlowsBecomeAlertsWithIdentityVerdictsAndModel() throws Exception {
        ScoringFunction fn = new ScoringFunction(TestModels.kmeans(1), false);
        try (var h = harness(fn)) {
            FlowEvent typical = flow("10.0.0.1", 1, false);
            FlowEvent odd = flow("10.0.0.2", 2, true);
            h.processElement(typical, 0L);
            h.processElement(odd, 0L);

            List<Alert> alerts = h.extractOutputValues();
            assertThat(alerts).hasSize(1);
            Alert a = alerts.get(0);
            assertThat(a.getFlagged()).isTrue();
            assertThat(a.getSrcAddr()).isEqualTo("10.0.0.2");
            assertThat(a.getDstAddr()).isEqualTo("10.1.0.1");
            assertThat(a.getSrcPort()).isEqualTo(50_000);
            assertThat(a.getDstPort()).isEqualTo(22);
            assertThat(a.getProtocol()).isEqualTo(6);
            assertThat(a.getBytes()).isEqualTo(4_800);
            assertThat(a.getPackets()).isEqualTo(11);
            assertThat(a.getFlowStartMs()).isEqualTo(TestFlows.T0 + 2);
            assertThat(a.getFlowEndMs()).isEqualTo(TestFlows.T0 + 122);
            assertThat(a.getDetectedAtMs()).isEqualTo(99_000L);
            assertThat(a.getSeverity()).isEqualTo(Severity.HIGH);
            assertThat(a.getVotes()).isEqualTo(3);
            assertThat(a.getConfidence()).isEqualTo(1.0);
            assertThat(a.getScore()).isBetween(0.99, 1.0);
            assertThat(a.getDetectors()).extracting(d -> d.getName()).containsExactly("kmeans_a", "kmeans_b", "kmeans_c");
            assertThat(a.getTopFeatures()).hasSize(3);
            assertThat(a.getExplanation()).startsWith("3 of 3 detectors flag this flow");
            assertThat(a.getModelId()).isEqualTo("test-model");
            assertThat(a.getModelVersion()).isEqualTo(1);
            assertThat(a.getLabel()).isEqualTo("SSH-BruteForce");
            assertThat(a.getAttackCategory()).isEqualTo("BruteForce");
            assertThat(a.getAlertId()).hasSize(32).isEqualTo(Alerts.alertId(odd, "test-model", 1));

            assertThat(fn.flowsScored()).isEqualTo(2);
            assertThat(fn.alerts(Severity.HIGH)).isEqualTo(1);
            assertThat(fn.alerts(Severity.LOW)).isZero();
            assertThat(fn.latencySamples()).isEqualTo(2);
            assertThat(scored(h)).isEmpty();
            assertThat(keyedEntries(h)).isZero(); // keyed only for ordering: no keyed state
        }
    }

    @Test
    void alertIdsAreTheSameForTheSameFlowAndModelVersionOnly() {
        FlowEvent a = flow("10.0.0.2", 2, true);
        FlowEvent again = flow("10.0.0.2", 2, true);
        again.offset = 12345; // re-sent: another Kafka position, same flow
        assertThat(Alerts.alertId(again, "test-model", 1)).isEqualTo(Alerts.alertId(a, "test-model", 1));
        assertThat(Alerts.alertId(a, "test-model", 2)).isNotEqualTo(Alerts.alertId(a, "test-model", 1));
        assertThat(Alerts.alertId(flow("10.0.0.2", 3, true), "test-model", 1)).isNotEqualTo(Alerts.alertId(a, "test-model", 1));
    }

    @Test
    void everyScoredFlowGoesToTheSideOutputWhenAsked() throws Exception {
        try (var h = harness(new ScoringFunction(TestModels.kmeans(1), true))) {
            h.processElement(flow("10.0.0.1", 1, false), 0L);
            h.processElement(flow("10.0.0.2", 2, true), 0L);
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(scored(h)).extracting(Alert::getFlagged).containsExactly(false, true);
            assertThat(scored(h).get(0).getSeverity()).isEqualTo(Severity.NONE);
            assertThat(scored(h).get(1)).isEqualTo(h.extractOutputValues().get(0));
        }
    }

    @Test
    void aNewerModelIsSwappedInAndOlderOnesAreIgnored() throws Exception {
        try (var h = harness(new ScoringFunction(TestModels.kmeans(1), false))) {
            h.processElement(flow("10.0.0.2", 1, true), 0L);
            h.processBroadcastElement(TestModels.kmeans(2), 0L);
            h.processElement(flow("10.0.0.2", 2, true), 0L);
            h.processBroadcastElement(TestModels.kmeans(1), 0L);
            h.processElement(flow("10.0.0.2", 3, true), 0L);
            assertThat(h.extractOutputValues()).extracting(Alert::getModelVersion).containsExactly(1L, 2L, 2L);
            assertThat(h.getBroadcastState(JobDescriptors.model()).get("current")).isEqualTo(TestModels.kmeans(2));
        }
    }

    @Test
    void withoutAnyModelOrWithAMismatchedVectorFlowsAreUnscoredDeadLetters() throws Exception {
        ScoringFunction fn = new ScoringFunction(null, true);
        try (var h = harness(fn)) {
            h.processElement(flow("10.0.0.2", 1, true), 0L);
            h.processBroadcastElement(TestModels.kmeans(3, TestModels.OTHER_CONTEXT), 0L);
            h.processElement(flow("10.0.0.2", 2, true), 0L);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(scored(h)).isEmpty();
            assertThat(deadLetters(h)).extracting(d -> d.getErrorType()).containsExactly("UNSCORED", "UNSCORED");
            assertThat(deadLetters(h).get(1).getReason()).contains("this operator has test-model v3");
            assertThat(fn.flowsUnscored()).isEqualTo(2);
        }
    }
}
