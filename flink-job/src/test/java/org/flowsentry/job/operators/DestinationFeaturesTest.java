package org.flowsentry.job.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowsentry.job.operators.Harnesses.deadLetters;
import static org.flowsentry.job.operators.Harnesses.keyedEntries;
import static org.flowsentry.job.operators.Harnesses.state;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.flowsentry.core.bundle.TestBundles;
import org.flowsentry.core.features.ContextTracker;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.features.HostState;
import org.flowsentry.job.JobDescriptors;
import org.flowsentry.job.TestFlows;
import org.flowsentry.job.TestModels;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.job.support.ModelView;
import org.flowsentry.schema.DeadLetter;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // harnesses' close() declares InterruptedException
class DestinationFeaturesTest {
    static final Duration TTL = Duration.ofHours(2);
    static final byte[] V1 = TestModels.kmeans(1);
    static final FeatureLayout LAYOUT = FeatureLayout.of(TestBundles.kmeans(1).getFeatureSpec());
    static final long SPEC = ModelView.specId(TestBundles.kmeans(1).getFeatureSpec());
    static final String D = "10.1.0.1";

    private static KeyedBroadcastOperatorTestHarness<String, FlowEvent, byte[], FlowEvent> harness(DestinationFeatures fn) throws Exception {
        return Harnesses.keyed(fn, FlowEvent::destinationKey);
    }

    /** A flow as SourceFeatures leaves it: a vector of the layout's width, source parts filled (here: a marker). */
    private static FlowEvent featured(String src, String dst, long offsetMs, long specId) {
        FlowEvent e = TestFlows.event(TestFlows.tcp(src, dst, 443, TestFlows.T0 + offsetMs), offsetMs);
        e.features = new double[LAYOUT.width()];
        e.features[0] = 7.0;
        e.specId = specId;
        e.featureModelVersion = 1;
        return e;
    }

    @Test
    void addsTheDestinationHostsContextAsCoreComputesIt() throws Exception {
        ContextTracker core = new ContextTracker(LAYOUT, 100);
        try (var h = harness(new DestinationFeatures(V1, TTL))) {
            List<FlowEvent> in = List.of(featured("10.0.0.1", D, 0, SPEC), featured("10.0.0.2", D, 300, SPEC),
                    featured("10.0.0.1", "10.1.0.9", 400, SPEC));
            for (FlowEvent e : in) h.processElement(e, e.eventTimeMs);
            List<FlowEvent> out = h.extractOutputValues();
            assertThat(out).hasSize(3);
            for (int i = 0; i < in.size(); i++) {
                double[] expected = new double[LAYOUT.width()];
                expected[0] = 7.0;
                LAYOUT.computeDestinationPart(core.destination(in.get(i).flow.getDstAddr()), in.get(i).flow,
                        in.get(i).eventTimeMs, expected);
                assertThat(out.get(i).features).isEqualTo(expected);
            }
            assertThat(keyedEntries(h)).isEqualTo(2);
            ValueState<HostState> d = state(h, D, JobDescriptors.destinationHost(TTL));
            assertThat(d.value()).isEqualTo(core.destination(D));
            assertThat(h.numProcessingTimeTimers()).isZero();

            h.setStateTtlProcessingTime(TTL.toMillis() + 1);
            // Purged incrementally: 70 flows sweep a table of 128 buckets at one per state access (see SourceFeaturesTest).
            for (int i = 0; i < 70; i++) h.processElement(featured("10.0.0.1", "10.1.0.50", 1_000 + i, SPEC), 0L);
            assertThat(keyedEntries(h)).isEqualTo(1);
        }
    }

    @Test
    void aVectorLaidOutForAnotherSpecIsUnscoredNotCompleted() throws Exception {
        DestinationFeatures fn = new DestinationFeatures(V1, TTL);
        try (var h = harness(fn)) {
            h.processElement(featured("10.0.0.1", D, 0, SPEC + 1), 0L);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(keyedEntries(h)).isZero();
            List<DeadLetter> dead = deadLetters(h);
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(d.getErrorType()).isEqualTo("UNSCORED");
                assertThat(d.getReason()).contains("feature spec changed while the flow was in flight");
            });
            assertThat(fn.flowsUnscored()).isEqualTo(1);
        }
        try (var h = harness(new DestinationFeatures(null, TTL))) {
            h.processElement(featured("10.0.0.1", D, 0, SPEC), 0L);
            assertThat(deadLetters(h)).singleElement().extracting(DeadLetter::getReason).asString()
                    .contains("no model has reached this operator yet");
        }
    }

    @Test
    void aBroadcastModelWithAnotherSpecClearsTheContext() throws Exception {
        try (var h = harness(new DestinationFeatures(V1, TTL))) {
            h.processElement(featured("10.0.0.1", D, 0, SPEC), 0L);
            h.processBroadcastElement(TestModels.kmeans(2), 0L);
            assertThat(keyedEntries(h)).isEqualTo(1);
            h.processBroadcastElement(TestModels.kmeans(3, TestModels.OTHER_CONTEXT), 0L);
            assertThat(keyedEntries(h)).isZero();
            h.processElement(featured("10.0.0.1", D, 10, SPEC), 0L); // still laid out for the old spec
            assertThat(deadLetters(h)).hasSize(1);
        }
    }
}
