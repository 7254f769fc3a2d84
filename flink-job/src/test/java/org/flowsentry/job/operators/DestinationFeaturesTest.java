package org.flowsentry.job.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowsentry.job.operators.Harnesses.deadLetters;
import static org.flowsentry.job.operators.Harnesses.keyedEntries;
import static org.flowsentry.job.operators.Harnesses.state;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.flowsentry.core.bundle.TestBundles;
import org.flowsentry.core.features.ContextSpec;
import org.flowsentry.core.features.ContextTracker;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.features.HostState;
import org.flowsentry.core.features.PairState;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.job.JobDescriptors;
import org.flowsentry.job.TestFlows;
import org.flowsentry.job.TestModels;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.job.support.ModelView;
import org.flowsentry.schema.DeadLetter;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // harnesses' close() declares InterruptedException
class DestinationFeaturesTest {
    static final Duration TTL = Duration.ofHours(2);
    static final byte[] V1 = TestModels.kmeans(1);
    static final FeatureLayout LAYOUT = FeatureLayout.of(TestBundles.kmeans(1).getFeatureSpec());
    static final String A = "10.0.0.1";
    static final String B = "10.0.0.2";
    static final String C = "10.1.0.1";

    private static KeyedBroadcastOperatorTestHarness<String, FlowEvent, byte[], FlowEvent> harness(DestinationFeatures fn) throws Exception {
        return Harnesses.keyed(fn, FlowEvent::destinationKey);
    }

    private static FlowEvent flow(String src, String dst, int port, long offsetMs) {
        return TestFlows.event(TestFlows.tcp(src, dst, port, TestFlows.T0 + offsetMs), offsetMs);
    }

    /** The vector core computes for the flow's per-flow, destination and pair parts (the source part stays zero). */
    private static double[] coresVector(FeatureLayout layout, ContextTracker core, FlowEvent e) {
        FlowRecord r = e.flow;
        double[] v = new double[layout.width()];
        layout.computeFlowPart(r, v);
        layout.computeDestinationPart(core.destination(r.getDstAddr()), r, e.eventTimeMs, v);
        layout.computePairPart(core.pair(r.getSrcAddr(), r.getDstAddr()), r, e.eventTimeMs, v);
        return v;
    }

    @Test
    void destinationAndPairContextAreCoresStateWithTheFlowDestinationAndPairParts() throws Exception {
        List<FlowEvent> in = List.of(flow(A, C, 443, 0), flow(A, "10.1.0.2", 22, 500), flow(B, C, 443, 700),
                flow(A, C, 443, 1_500));
        ContextTracker core = new ContextTracker(LAYOUT, 100);
        try (var h = harness(new DestinationFeatures(V1, TTL, 10, Duration.ofMinutes(1)))) {
            for (FlowEvent e : in) h.processElement(e, e.eventTimeMs);
            List<FlowEvent> out = h.extractOutputValues();
            assertThat(out).hasSize(4);
            for (int i = 0; i < in.size(); i++) {
                // The source part is ScoringFunction's job: zeros here.
                assertThat(out.get(i).features).isEqualTo(coresVector(LAYOUT, core, in.get(i)));
                assertThat(out.get(i).specId).isEqualTo(ModelView.specId(TestBundles.kmeans(1).getFeatureSpec()));
                assertThat(out.get(i).featureModelVersion).isEqualTo(1);
                assertThat(out.get(i).late).isFalse();
            }
            // Two destination hosts: a host state, a pair map and its count each.
            assertThat(keyedEntries(h)).isEqualTo(6);
            ValueState<HostState> hostC = state(h, C, JobDescriptors.destinationHost());
            assertThat(hostC.value()).isEqualTo(core.destination(C));
            MapState<String, PairState> pairsC = state(h, C, JobDescriptors.pairs());
            assertThat(pairsC.keys()).containsExactlyInAnyOrder(A, B);
            assertThat(pairsC.get(A)).isEqualTo(core.pair(A, C));
            assertThat(h.numProcessingTimeTimers()).isZero();
            assertThat(h.numEventTimeTimers()).isEqualTo(2); // each host's expiry timer
        }
    }

    @Test
    void stateExpiresOnceEventTimePassesItsLastFlowByTheTtlAndTheEntriesAndTimersReturnToZero() throws Exception {
        try (var h = harness(new DestinationFeatures(V1, TTL, 10, Duration.ofMinutes(1)))) {
            h.processBroadcastWatermark(Long.MAX_VALUE); // as the job's model stream does
            for (int i = 0; i < 20; i++) {
                FlowEvent e = flow(A, "10.1.0." + i, 443, i);
                h.processElement(e, e.eventTimeMs);
            }
            FlowEvent stillSeen = flow(B, "10.1.0.5", 443, TTL.toMillis() / 2); // 10.1.0.5 stays, with a second pair
            h.processElement(stillSeen, stillSeen.eventTimeMs);
            assertThat(keyedEntries(h)).isEqualTo(60); // a host state, a pair map and its count per host
            assertThat(h.numEventTimeTimers()).isEqualTo(20); // one per host, however many flows it has

            h.processWatermark(TestFlows.T0 + TTL.toMillis() + 100);
            assertThat(keyedEntries(h)).isEqualTo(3); // only the host seen since, its pair map and count
            assertThat(h.numEventTimeTimers()).isEqualTo(1); // armed again for its own deadline
            MapState<String, PairState> pairs = state(h, "10.1.0.5", JobDescriptors.pairs());
            assertThat(pairs.keys()).containsExactly(B); // its pair unused for the TTL is gone
            assertThat(state(h, "10.1.0.5", JobDescriptors.pairCount()).value()).isEqualTo(1);
            ValueState<HostState> expired = state(h, "10.1.0.3", JobDescriptors.destinationHost());
            assertThat(expired.value()).isNull();

            // A host that returns after its TTL starts from empty context, like a new host.
            FlowEvent back = flow(A, "10.1.0.3", 443, TTL.toMillis() + 200);
            h.processElement(back, back.eventTimeMs);
            FlowEvent fresh = flow(A, "10.1.0.98", 443, TTL.toMillis() + 200);
            h.processElement(fresh, fresh.eventTimeMs);
            List<FlowEvent> out = h.extractOutputValues();
            assertThat(out.get(out.size() - 2).features).isEqualTo(out.get(out.size() - 1).features);

            h.processWatermark(TestFlows.T0 + 3 * TTL.toMillis());
            assertThat(keyedEntries(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aDestinationKeepsPairContextForAtMostTheSpecsBoundOfSourcesAsCoreDoes() throws Exception {
        ContextSpec threePairs = ContextSpec.DEFAULT.withMaxPairsPerDestination(3);
        FeatureLayout layout = new FeatureLayout(List.of(), threePairs);
        List<FlowEvent> in = new java.util.ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 5; i++) in.add(flow("10.0.0." + i, C, 80, round * 1_000 + i));
        }
        DestinationFeatures fn = new DestinationFeatures(TestModels.kmeans(1, threePairs), TTL, 10, Duration.ofMinutes(1));
        try (var h = harness(fn)) {
            h.processBroadcastWatermark(Long.MAX_VALUE); // as the job's model stream does
            for (FlowEvent e : in) h.processElement(e, e.eventTimeMs);
            List<FlowEvent> out = h.extractOutputValues();
            ContextTracker core = new ContextTracker(layout, 100);
            for (int i = 0; i < in.size(); i++) {
                assertThat(out.get(i).features).as("flow %d", i).isEqualTo(coresVector(layout, core, in.get(i)));
            }
            // Sources 3 and 4 get a first flow's pair features both times: not the first three's.
            assertThat(out.get(8).features).isNotEqualTo(out.get(5).features);
            MapState<String, PairState> pairs = state(h, C, JobDescriptors.pairs());
            assertThat(pairs.keys()).containsExactlyInAnyOrder("10.0.0.0", "10.0.0.1", "10.0.0.2");
            assertThat(state(h, C, JobDescriptors.pairCount()).value()).isEqualTo(3);
            assertThat(fn.flowsBeyondPairBound()).isEqualTo(4);

            // The host stays (its expiry timer, due at its first flow + TTL, finds it seen since and
            // is armed again for TTL / 2 + TTL); source 0 is seen once more, and at that second
            // timer the two pairs unused for the TTL go and free their slots.
            long second = TTL.toMillis() / 2 + TTL.toMillis();
            FlowEvent keep = flow("10.0.0.0", C, 80, TTL.toMillis() / 2);
            h.processElement(keep, keep.eventTimeMs);
            h.processWatermark(TestFlows.T0 + TTL.toMillis() + 100);
            assertThat(pairs.keys()).hasSize(3);
            FlowEvent keepAgain = flow("10.0.0.0", C, 80, second - 1_000);
            h.processElement(keepAgain, keepAgain.eventTimeMs);
            h.processWatermark(TestFlows.T0 + second + 100);
            assertThat(pairs.keys()).containsExactly("10.0.0.0");
            assertThat(state(h, C, JobDescriptors.pairCount()).value()).isEqualTo(1);
            FlowEvent newcomer = flow("10.0.0.4", C, 80, second + 200);
            h.processElement(newcomer, newcomer.eventTimeMs);
            assertThat(pairs.keys()).containsExactlyInAnyOrder("10.0.0.0", "10.0.0.4");
            assertThat(fn.flowsBeyondPairBound()).isEqualTo(4);

            // State written before the count existed: the map is counted once, then kept counted.
            ValueState<Integer> count = state(h, C, JobDescriptors.pairCount());
            count.clear();
            FlowEvent another = flow("10.0.0.3", C, 80, second + 300);
            h.processElement(another, another.eventTimeMs);
            assertThat(state(h, C, JobDescriptors.pairCount()).value()).isEqualTo(3);
            FlowEvent beyond = flow("10.0.0.2", C, 80, second + 400);
            h.processElement(beyond, beyond.eventTimeMs);
            assertThat(pairs.keys()).hasSize(3);
            assertThat(fn.flowsBeyondPairBound()).isEqualTo(5);

            h.processWatermark(TestFlows.T0 + 4 * TTL.toMillis());
            assertThat(keyedEntries(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void lateFlowsAreStillProcessedFlaggedAndCounted() throws Exception {
        DestinationFeatures fn = new DestinationFeatures(V1, TTL, 10, Duration.ofMinutes(1));
        try (var h = harness(fn)) {
            h.processBroadcastWatermark(Long.MAX_VALUE); // as the job's model stream does
            h.processWatermark(TestFlows.T0 + 10_000);
            FlowEvent late = flow(A, "10.1.0.1", 443, 5_000);
            FlowEvent onTime = flow(A, "10.1.0.1", 443, 12_000);
            h.processElement(late, late.eventTimeMs);
            h.processElement(onTime, onTime.eventTimeMs);
            List<FlowEvent> out = h.extractOutputValues();
            assertThat(out).extracting(e -> e.late).containsExactly(true, false);
            assertThat(out).allSatisfy(e -> assertThat(e.features).isNotNull());
            assertThat(fn.lateFlows()).isEqualTo(1);
        }
    }

    @Test
    void beforeAnyModelFlowsAreHeldAndProcessedInOrderWhenTheFirstModelArrives() throws Exception {
        DestinationFeatures fn = new DestinationFeatures(null, TTL, 10, Duration.ofMinutes(1));
        try (var h = harness(fn)) {
            h.setProcessingTime(1_000);
            List<FlowEvent> in = List.of(flow(A, C, 443, 0), flow(A, "10.1.0.2", 22, 10), flow(B, C, 443, 20));
            for (FlowEvent e : in) h.processElement(e, e.eventTimeMs);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(fn.flowsHeld()).isEqualTo(3);
            assertThat(h.numProcessingTimeTimers()).isEqualTo(2); // one per host
            assertThat(keyedEntries(h)).isEqualTo(6); // held list, count, since for both destinations

            h.setProcessingTime(2_000); // no model yet: the hosts check again later
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numProcessingTimeTimers()).isEqualTo(2);

            h.processBroadcastElement(V1, 0L);
            h.setProcessingTime(3_000);
            List<FlowEvent> out = h.extractOutputValues();
            assertThat(out).extracting(e -> e.offset).containsExactlyInAnyOrder(0L, 10L, 20L);
            assertThat(out.stream().filter(e -> e.flow.getDstAddr().equals(C)).map(e -> e.offset)).containsExactly(0L, 20L);
            assertThat(out).allSatisfy(e -> assertThat(e.features).hasSize(LAYOUT.width()));
            // Same vectors as core computes for the flows in arrival order; nothing held, no timers.
            ContextTracker core = new ContextTracker(LAYOUT, 100);
            for (FlowEvent e : in) {
                assertThat(out.stream().filter(o -> o.offset == e.offset).findFirst().orElseThrow().features)
                        .isEqualTo(coresVector(LAYOUT, core, e));
            }
            assertThat(keyedEntries(h)).isEqualTo(6); // a host state, a pair map and its count per destination
            assertThat(h.numProcessingTimeTimers()).isZero();
            assertThat(deadLetters(h)).isEmpty();
        }
    }

    @Test
    void heldFlowsBeyondTheBoundOrTheWaitGoToDeadLettersAsUnscored() throws Exception {
        DestinationFeatures fn = new DestinationFeatures(null, TTL, 2, Duration.ofSeconds(5));
        try (var h = harness(fn)) {
            h.setProcessingTime(1_000);
            for (int i = 0; i < 3; i++) {
                FlowEvent e = flow(A, "10.1.0.1", 443, i);
                h.processElement(e, e.eventTimeMs);
            }
            List<DeadLetter> dead = deadLetters(h);
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(d.getErrorType()).isEqualTo("UNSCORED");
                assertThat(d.getReason()).contains("2 flows of this destination host are already held");
                assertThat(d.getOffset()).isEqualTo(2L);
                assertThat(d.getFormat()).isEqualTo("avro");
                byte[] raw = new byte[d.getRawData().remaining()];
                d.getRawData().duplicate().get(raw);
                assertThat(AvroWire.FLOW_RECORD.decode(raw).getStartMs()).isEqualTo(TestFlows.T0 + 2);
            });
            for (long t = 2_000; t <= 7_000; t += 1_000) h.setProcessingTime(t);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(deadLetters(h)).hasSize(3);
            assertThat(deadLetters(h).get(1).getReason()).contains("no model arrived within PT5S");
            assertThat(fn.flowsUnscored()).isEqualTo(3);
            assertThat(keyedEntries(h)).isZero();
            assertThat(h.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void withNoHoldingAllowedFlowsBeforeAnyModelAreDeadLettersAtOnce() throws Exception {
        DestinationFeatures fn = new DestinationFeatures(null, TTL, 0, Duration.ofSeconds(5));
        try (var h = harness(fn)) {
            FlowEvent e = flow(A, "10.1.0.1", 443, 0);
            h.processElement(e, e.eventTimeMs);
            assertThat(deadLetters(h)).hasSize(1);
            assertThat(keyedEntries(h)).isZero();
            assertThat(h.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void aModelWithAnotherFeatureSpecClearsTheContextAndOneWithTheSameSpecKeepsIt() throws Exception {
        try (var h = harness(new DestinationFeatures(V1, TTL, 10, Duration.ofMinutes(1)))) {
            FlowEvent e1 = flow(A, "10.1.0.1", 443, 0);
            h.processElement(e1, e1.eventTimeMs);
            assertThat(keyedEntries(h)).isEqualTo(3); // host state, pair map and its count

            h.processBroadcastElement(TestModels.kmeans(2), 0L); // retrained, same spec
            assertThat(keyedEntries(h)).isEqualTo(3);
            assertThat(h.getBroadcastState(JobDescriptors.model()).get("current")).isEqualTo(TestModels.kmeans(2));

            h.processBroadcastElement(TestModels.kmeans(1), 0L); // older: ignored
            h.processBroadcastElement(TestModels.kmeans(3, TestModels.OTHER_CONTEXT), 0L);
            assertThat(keyedEntries(h)).isZero();

            FlowEvent e2 = flow(A, "10.1.0.1", 443, 1_000);
            h.processElement(e2, e2.eventTimeMs);
            FlowEvent out = h.extractOutputValues().get(1);
            assertThat(out.featureModelVersion).isEqualTo(3);
            assertThat(out.features).hasSize(new FeatureLayout(List.of(), TestModels.OTHER_CONTEXT).width());
        }
    }

    @Test
    void stateAndTheBroadcastModelSurviveASnapshotAndRestore() throws Exception {
        List<FlowEvent> first = List.of(flow(A, C, 443, 0), flow(A, "10.1.0.2", 22, 100), flow(B, C, 443, 200));
        List<FlowEvent> second = List.of(flow(A, C, 443, 300), flow(B, "10.1.0.2", 443, 400));
        List<double[]> uninterrupted = new java.util.ArrayList<>();
        try (var h = harness(new DestinationFeatures(V1, TTL, 10, Duration.ofMinutes(1)))) {
            h.processBroadcastElement(TestModels.kmeans(2), 0L);
            for (FlowEvent e : first) h.processElement(copy(e), e.eventTimeMs);
            for (FlowEvent e : second) h.processElement(copy(e), e.eventTimeMs);
            for (FlowEvent e : h.extractOutputValues()) uninterrupted.add(e.features);
        }
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var h = harness(new DestinationFeatures(V1, TTL, 10, Duration.ofMinutes(1)))) {
            h.processBroadcastElement(TestModels.kmeans(2), 0L);
            for (FlowEvent e : first) h.processElement(copy(e), e.eventTimeMs);
            snapshot = h.snapshot(1L, 1L);
        }
        var operator = new org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator<>(
                new DestinationFeatures(V1, TTL, 10, Duration.ofMinutes(1)), List.of(JobDescriptors.model()));
        try (var h = new KeyedBroadcastOperatorTestHarness<>(operator, FlowEvent::destinationKey,
                JobDescriptors.HOST_KEY, 1, 1, 0)) {
            h.initializeState(snapshot);
            h.open();
            for (FlowEvent e : second) h.processElement(copy(e), e.eventTimeMs);
            List<FlowEvent> out = h.extractOutputValues();
            assertThat(out).extracting(e -> e.featureModelVersion).containsOnly(2L); // the broadcast model, not the initial v1
            assertThat(out.get(0).features).isEqualTo(uninterrupted.get(3));
            assertThat(out.get(1).features).isEqualTo(uninterrupted.get(4));
        }
    }

    /**
     * The heap backend writes a checkpoint after its synchronous part, while flows go on; states
     * those flows change are copied first (for pairs: shared, then copied by the operator, see
     * PairStateSerializer). The checkpoint must restore the states as they were at its barrier,
     * not with the later flows.
     */
    @Test
    void flowsWhileACheckpointIsWrittenDoNotChangeWhatItWrites() throws Exception {
        List<FlowEvent> first = List.of(flow(A, C, 443, 0), flow(B, C, 443, 100), flow(A, "10.1.0.2", 22, 200));
        List<FlowEvent> second = List.of(flow(A, C, 443, 300), flow(B, C, 443, 350), flow(A, "10.1.0.2", 22, 400));
        List<double[]> uninterrupted = new java.util.ArrayList<>();
        try (var h = harness(new DestinationFeatures(V1, TTL, 10, Duration.ofMinutes(1)))) {
            for (FlowEvent e : first) h.processElement(copy(e), e.eventTimeMs);
            for (FlowEvent e : second) h.processElement(copy(e), e.eventTimeMs);
            for (FlowEvent e : h.extractOutputValues()) uninterrupted.add(e.features);
        }
        org.apache.flink.runtime.state.KeyedStateHandle written;
        try (var h = harness(new DestinationFeatures(V1, TTL, 10, Duration.ofMinutes(1)))) {
            for (FlowEvent e : first) h.processElement(copy(e), e.eventTimeMs);
            var backend = (org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>) h.getOperator().getKeyedStateBackend();
            var asyncPart = backend.snapshot(1L, 1L, new org.apache.flink.runtime.state.memory.MemCheckpointStreamFactory(1 << 20),
                    org.apache.flink.runtime.checkpoint.CheckpointOptions.forCheckpointWithDefaultLocation());
            for (FlowEvent e : second) h.processElement(copy(e), e.eventTimeMs); // while the checkpoint is being written
            asyncPart.run();
            written = asyncPart.get().getJobManagerOwnedSnapshot();
        }
        var operator = new org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator<>(
                new DestinationFeatures(V1, TTL, 10, Duration.ofMinutes(1)), List.of(JobDescriptors.model()));
        try (var h = new KeyedBroadcastOperatorTestHarness<>(operator, FlowEvent::destinationKey, JobDescriptors.HOST_KEY, 1, 1, 0)) {
            h.initializeState(org.apache.flink.runtime.checkpoint.OperatorSubtaskState.builder().setManagedKeyedState(written).build());
            h.open();
            for (FlowEvent e : second) h.processElement(copy(e), e.eventTimeMs);
            List<FlowEvent> out = h.extractOutputValues();
            assertThat(out).hasSize(3);
            for (int i = 0; i < 3; i++) assertThat(out.get(i).features).isEqualTo(uninterrupted.get(3 + i));
        }
    }

    private static FlowEvent copy(FlowEvent e) {
        return TestFlows.event(FlowRecord.newBuilder(e.flow).build(), e.offset);
    }
}
