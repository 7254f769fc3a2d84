package org.flowsentry.job.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowsentry.job.operators.Harnesses.deadLetters;
import static org.flowsentry.job.operators.Harnesses.keyedEntries;
import static org.flowsentry.job.operators.Harnesses.state;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.flowsentry.core.bundle.TestBundles;
import org.flowsentry.core.features.ContextTracker;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.features.HostState;
import org.flowsentry.job.JobDescriptors;
import org.flowsentry.job.TestFlows;
import org.flowsentry.job.TestModels;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.job.support.Alerts;
import org.flowsentry.job.support.ModelView;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.FlowRecord;
import org.flowsentry.schema.ModelBundle;
import org.flowsentry.schema.Severity;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // harnesses' close() declares InterruptedException
class ScoringFunctionTest {
    static final Duration TTL = Duration.ofHours(2);
    // Scoring alone: core's k-means test bundle without host context, so the vectors below reach the
    // ensemble exactly as written.
    static final byte[] PLAIN_V1 = TestModels.kmeans(1, null);
    static final ModelBundle BUNDLE = ModelView.of(PLAIN_V1, true).scorer().bundle();
    static final long SPEC = ModelView.specId(BUNDLE.getFeatureSpec());
    static final int WIDTH = BUNDLE.getFeatureSpec().getNames().size();
    // With host context: the operator completes the vector with the source host's and the pair's part.
    static final byte[] CONTEXT_V1 = TestModels.kmeans(1);
    static final FeatureLayout LAYOUT = FeatureLayout.of(TestBundles.kmeans(1).getFeatureSpec());
    static final long CONTEXT_SPEC = ModelView.specId(TestBundles.kmeans(1).getFeatureSpec());
    static final String A = "10.0.0.1";
    static final String B = "10.0.0.2";

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

    /** A flow as DestinationFeatures leaves it for the context bundle: flow and destination parts filled (here: a marker). */
    private static FlowEvent started(String src, String dst, long offsetMs) {
        FlowEvent e = TestFlows.event(TestFlows.tcp(src, dst, 443, TestFlows.T0 + offsetMs), offsetMs);
        e.features = new double[LAYOUT.width()];
        e.features[0] = 7.0;
        e.specId = CONTEXT_SPEC;
        e.featureModelVersion = 1;
        return e;
    }

    private static List<FlowEvent> featured(KeyedBroadcastOperatorTestHarness<String, FlowEvent, byte[], Alert> h) {
        var side = h.getSideOutput(JobDescriptors.FEATURED);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    private static List<Alert> scored(KeyedBroadcastOperatorTestHarness<String, FlowEvent, byte[], Alert> h) {
        var side = h.getSideOutput(JobDescriptors.SCORED);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void flaggedFlowsBecomeAlertsWithIdentityVerdictsAndModel() throws Exception {
        ScoringFunction fn = new ScoringFunction(PLAIN_V1, TTL, false);
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
            assertThat(a.getAlertId()).hasSize(32).isEqualTo(new Alerts().alertId(odd, "test-model", 1));

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
        Alerts ids = new Alerts();
        assertThat(ids.alertId(again, "test-model", 1)).isEqualTo(ids.alertId(a, "test-model", 1));
        assertThat(ids.alertId(a, "test-model", 2)).isNotEqualTo(ids.alertId(a, "test-model", 1));
        assertThat(ids.alertId(flow("10.0.0.2", 3, true), "test-model", 1)).isNotEqualTo(ids.alertId(a, "test-model", 1));
    }

    @Test
    void everyScoredFlowGoesToTheSideOutputWhenAsked() throws Exception {
        try (var h = harness(new ScoringFunction(PLAIN_V1, TTL, true))) {
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
        try (var h = harness(new ScoringFunction(PLAIN_V1, TTL, false))) {
            h.processElement(flow("10.0.0.2", 1, true), 0L);
            h.processBroadcastElement(TestModels.kmeans(2, null), 0L);
            h.processElement(flow("10.0.0.2", 2, true), 0L);
            h.processBroadcastElement(TestModels.kmeans(1, null), 0L);
            h.processElement(flow("10.0.0.2", 3, true), 0L);
            assertThat(h.extractOutputValues()).extracting(Alert::getModelVersion).containsExactly(1L, 2L, 2L);
            assertThat(h.getBroadcastState(JobDescriptors.model()).get("current")).isEqualTo(TestModels.kmeans(2, null));
        }
    }

    @Test
    void afterASwapFlowsAreScoredInTheNewModelsWorkingArrays() throws Exception {
        ScoringFunction fn = new ScoringFunction(PLAIN_V1, TTL, true);
        try (var h = harness(fn)) {
            h.processElement(flow(A, 1, false), 0L);
            byte[] v2 = TestModels.kmeans(2); // with host context: other features, wider vectors
            h.processBroadcastElement(v2, 0L);
            h.processElement(started(A, "10.1.0.1", 10), 0L);
            double[] completed = featured(h).get(1).features;
            double expected = ModelView.of(v2, true).scorer().score(completed).score();
            assertThat(ModelView.of(PLAIN_V1, true).scorer().score(completed).score()).isNotEqualTo(expected);
            assertThat(scored(h)).extracting(Alert::getScore).containsExactly(scored(h).get(0).getScore(), expected);
        }
    }

    @Test
    void withoutAnyModelOrWithAMismatchedVectorFlowsAreUnscoredDeadLetters() throws Exception {
        ScoringFunction fn = new ScoringFunction(null, TTL, true);
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

    @Test
    void completesTheVectorWithTheSourceContextAsCoreComputesIt() throws Exception {
        List<FlowEvent> in = List.of(started(A, "10.1.0.1", 0), started(A, "10.1.0.2", 500), started(B, "10.1.0.1", 700),
                started(A, "10.1.0.1", 1_500));
        ContextTracker core = new ContextTracker(LAYOUT, 100);
        try (var h = harness(new ScoringFunction(CONTEXT_V1, TTL, true))) {
            for (FlowEvent e : in) h.processElement(e, e.eventTimeMs);
            List<FlowEvent> out = featured(h);
            assertThat(out).hasSize(4);
            assertThat(scored(h)).hasSize(4);
            for (int i = 0; i < in.size(); i++) {
                FlowRecord r = in.get(i).flow;
                double[] expected = new double[LAYOUT.width()];
                expected[0] = 7.0;
                LAYOUT.computeSourcePart(core.source(r.getSrcAddr()), r, r.getStartMs(), expected);
                assertThat(out.get(i).features).isEqualTo(expected);
            }
            // Two source hosts, a host state each (pairs are DestinationFeatures' state).
            assertThat(keyedEntries(h)).isEqualTo(2);
            ValueState<HostState> hostA = state(h, A, JobDescriptors.sourceHost());
            assertThat(hostA.value()).isEqualTo(core.source(A));
            assertThat(h.numProcessingTimeTimers()).isZero();
            assertThat(h.numEventTimeTimers()).isEqualTo(2); // each host's expiry timer
        }
    }

    @Test
    void sourceStateExpiresOnceEventTimePassesItsLastFlowByTheTtl() throws Exception {
        long ttl = TTL.toMillis();
        try (var h = harness(new ScoringFunction(CONTEXT_V1, TTL, false))) {
            h.processBroadcastWatermark(Long.MAX_VALUE); // as the job's model stream does
            for (int i = 0; i < 20; i++) h.processElement(started("10.0.0." + i, "10.1.0.1", i), 0L);
            h.processElement(started(A, "10.1.0.2", ttl / 2), 0L); // A stays
            assertThat(keyedEntries(h)).isEqualTo(20); // a host state per host
            assertThat(h.numEventTimeTimers()).isEqualTo(20);

            h.processWatermark(TestFlows.T0 + ttl + 100);
            assertThat(keyedEntries(h)).isEqualTo(1); // A's state
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            ValueState<HostState> expired = state(h, "10.0.0.3", JobDescriptors.sourceHost());
            assertThat(expired.value()).isNull();

            h.processWatermark(TestFlows.T0 + 3 * ttl);
            assertThat(keyedEntries(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aModelWithAnotherFeatureSpecClearsTheContextAndUnscoresFlowsLaidOutForTheOldOne() throws Exception {
        ScoringFunction fn = new ScoringFunction(CONTEXT_V1, TTL, false);
        try (var h = harness(fn)) {
            h.processElement(started(A, "10.1.0.1", 0), 0L);
            assertThat(keyedEntries(h)).isEqualTo(1);
            h.processBroadcastElement(TestModels.kmeans(2), 0L); // retrained, same spec
            assertThat(keyedEntries(h)).isEqualTo(1);
            h.processBroadcastElement(TestModels.kmeans(3, TestModels.OTHER_CONTEXT), 0L);
            assertThat(keyedEntries(h)).isZero();
            h.processElement(started(A, "10.1.0.1", 10), 0L); // still laid out for the old spec
            assertThat(keyedEntries(h)).isZero();
            assertThat(deadLetters(h)).singleElement().satisfies(d -> {
                assertThat(d.getErrorType()).isEqualTo("UNSCORED");
                assertThat(d.getReason()).contains("feature spec changed while the flow was in flight");
            });
            assertThat(fn.flowsUnscored()).isEqualTo(1);
        }
    }

    @Test
    void contextStateAndTheBroadcastModelSurviveASnapshotAndRestore() throws Exception {
        List<FlowEvent> first = List.of(started(A, "10.1.0.1", 0), started(A, "10.1.0.2", 100), started(B, "10.1.0.1", 200));
        List<FlowEvent> second = List.of(started(A, "10.1.0.1", 300), started(B, "10.1.0.1", 400));
        List<double[]> uninterrupted = new java.util.ArrayList<>();
        try (var h = harness(new ScoringFunction(CONTEXT_V1, TTL, false))) {
            h.processBroadcastElement(TestModels.kmeans(2), 0L);
            for (FlowEvent e : first) h.processElement(copy(e), 0L);
            for (FlowEvent e : second) h.processElement(copy(e), 0L);
            for (FlowEvent e : featured(h)) uninterrupted.add(e.features);
        }
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var h = harness(new ScoringFunction(CONTEXT_V1, TTL, false))) {
            h.processBroadcastElement(TestModels.kmeans(2), 0L);
            for (FlowEvent e : first) h.processElement(copy(e), 0L);
            snapshot = h.snapshot(1L, 1L);
        }
        var operator = new org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator<>(
                new ScoringFunction(CONTEXT_V1, TTL, false), List.of(JobDescriptors.model()));
        try (var h = new KeyedBroadcastOperatorTestHarness<>(operator, FlowEvent::sourceKey,
                JobDescriptors.HOST_KEY, 1, 1, 0)) {
            h.initializeState(snapshot);
            h.open();
            for (FlowEvent e : second) h.processElement(copy(e), 0L);
            List<FlowEvent> out = featured(h);
            assertThat(h.extractOutputValues()).allSatisfy(a -> assertThat(a.getModelVersion()).isEqualTo(2L)); // the broadcast model
            assertThat(out.get(0).features).isEqualTo(uninterrupted.get(3));
            assertThat(out.get(1).features).isEqualTo(uninterrupted.get(4));
        }
    }

    /**
     * Builds before the pairs moved to DestinationFeatures kept them here, under the source key: a
     * snapshot holding that state still restores, and scoring goes on from the source hosts' state.
     */
    @Test
    void aSnapshotWithThePairStateOfEarlierBuildsRestores() throws Exception {
        List<FlowEvent> first = List.of(started(A, "10.1.0.1", 0), started(B, "10.1.0.1", 100));
        List<FlowEvent> second = List.of(started(A, "10.1.0.1", 300), started(B, "10.1.0.2", 400));
        List<double[]> uninterrupted = new java.util.ArrayList<>();
        try (var h = harness(new ScoringFunction(CONTEXT_V1, TTL, false))) {
            for (FlowEvent e : first) h.processElement(copy(e), 0L);
            for (FlowEvent e : second) h.processElement(copy(e), 0L);
            for (FlowEvent e : featured(h)) uninterrupted.add(e.features);
        }
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var h = harness(new ScoringFunction(CONTEXT_V1, TTL, false))) {
            for (FlowEvent e : first) h.processElement(copy(e), 0L);
            org.apache.flink.api.common.state.MapState<String, org.flowsentry.core.features.PairState> oldPairs =
                    state(h, A, JobDescriptors.pairs());
            oldPairs.put("10.1.0.1", org.flowsentry.core.features.PairState.create(LAYOUT.context()));
            snapshot = h.snapshot(1L, 1L);
        }
        var operator = new org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator<>(
                new ScoringFunction(CONTEXT_V1, TTL, false), List.of(JobDescriptors.model()));
        try (var h = new KeyedBroadcastOperatorTestHarness<>(operator, FlowEvent::sourceKey, JobDescriptors.HOST_KEY, 1, 1, 0)) {
            h.initializeState(snapshot);
            h.open();
            for (FlowEvent e : second) h.processElement(copy(e), 0L);
            List<FlowEvent> out = featured(h);
            assertThat(out.get(0).features).isEqualTo(uninterrupted.get(2));
            assertThat(out.get(1).features).isEqualTo(uninterrupted.get(3));
        }
    }

    private static FlowEvent copy(FlowEvent e) {
        return started(e.flow.getSrcAddr(), e.flow.getDstAddr(), e.offset);
    }
}
