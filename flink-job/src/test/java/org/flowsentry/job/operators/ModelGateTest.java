package org.flowsentry.job.operators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.flowsentry.core.bundle.BundleKeys;
import org.flowsentry.core.bundle.BundleSignatures;
import org.flowsentry.core.bundle.TestBundles;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.job.JobDescriptors;
import org.flowsentry.job.TestModels;
import org.flowsentry.job.data.RawRecord;
import org.flowsentry.schema.DeadLetter;
import org.flowsentry.schema.ModelBundle;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // harnesses' close() declares InterruptedException
class ModelGateTest {

    private static KeyedOneInputStreamOperatorTestHarness<Integer, RawRecord, byte[]> harness(ModelGate gate) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(gate, r -> 0, Types.INT);
    }

    private static List<DeadLetter> deadLetters(KeyedOneInputStreamOperatorTestHarness<Integer, RawRecord, byte[]> h) {
        var side = h.getSideOutput(JobDescriptors.DEAD_LETTERS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    private static byte[] encode(ModelBundle b) {
        return AvroWire.MODEL_BUNDLE.encode(b);
    }

    @Test
    void refusedBundlesAreDeadLettersWithTheReasonAndTheCurrentModelStays() throws Exception {
        ModelGate gate = new ModelGate(TestModels.kmeans(1), TestModels.trusted(), false);
        try (var h = harness(gate)) {
            ModelBundle v3 = TestBundles.kmeans(3);
            ModelBundle tampered = TestModels.sign(v3);
            tampered.setModelId("someone-else");
            var stranger = BundleKeys.generate();
            ModelBundle wrongSpec = TestBundles.kmeans(3);
            wrongSpec.getFeatureSpec().setVersion(99);
            ModelBundle otherV1 = TestBundles.kmeans(1);
            otherV1.setCreatedAtMs(otherV1.getCreatedAtMs() + 1);

            h.processElement(TestModels.record(encode(v3), 1), 0L);
            h.processElement(TestModels.record(encode(BundleSignatures.sign(v3, stranger.getPrivate(), stranger.getPublic())), 2), 0L);
            h.processElement(TestModels.record(encode(tampered), 3), 0L);
            h.processElement(TestModels.record(encode(TestModels.sign(wrongSpec)), 4), 0L);
            h.processElement(TestModels.record(encode(TestModels.sign(otherV1)), 5), 0L);
            h.processElement(TestModels.record(TestModels.kmeans(0), 6), 0L);
            h.processElement(TestModels.record("not a bundle".getBytes(StandardCharsets.UTF_8), 7), 0L);
            h.processElement(TestModels.record(null, 8), 0L);

            assertThat(h.extractOutputValues()).isEmpty();
            List<DeadLetter> dead = deadLetters(h);
            assertThat(dead).extracting(DeadLetter::getErrorType).containsOnly("REFUSED_MODEL");
            assertThat(dead).extracting(DeadLetter::getOffset).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            assertThat(dead.get(0).getReason()).contains("is not signed");
            assertThat(dead.get(1).getReason()).contains("which is not trusted");
            assertThat(dead.get(2).getReason()).contains("bad signature");
            assertThat(dead.get(3).getReason()).contains("does not fit this FlowSentry");
            assertThat(dead.get(4).getReason()).contains("v1 is not newer than the current version v1");
            assertThat(dead.get(5).getReason()).contains("v0 is not newer than the current version v1");
            assertThat(dead.get(6).getReason()).startsWith("undecodable model bundle");
            assertThat(dead.get(7).getReason()).contains("empty");
            assertThat(dead).extracting(DeadLetter::getSource).containsOnly(TestModels.TOPIC);
            assertThat(gate.refused()).isEqualTo(8);
            assertThat(gate.accepted()).isZero();
            assertThat(h.numKeyedStateEntries()).isZero(); // nothing accepted: the initial bundle is still current

            // The current model stayed v1: v2 is accepted next.
            h.processElement(TestModels.record(TestModels.kmeans(2), 9), 0L);
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(AvroWire.MODEL_BUNDLE.decode(h.extractOutputValues().get(0)).getModelVersion()).isEqualTo(2);
        }
    }

    @Test
    void aNewerSignedBundleIsAcceptedAndACopyOfTheCurrentOneIsIgnoredQuietly() throws Exception {
        ModelGate gate = new ModelGate(TestModels.kmeans(1), TestModels.trusted(), false);
        OperatorSubtaskState snapshot;
        try (var h = harness(gate)) {
            h.processElement(TestModels.record(TestModels.kmeans(1), 1), 0L); // the initial bundle again
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(deadLetters(h)).isEmpty();

            byte[] v2 = TestModels.kmeans(2);
            h.processElement(TestModels.record(v2, 2), 0L);
            assertThat(h.extractOutputValues()).containsExactly(v2);
            assertThat(gate.accepted()).isEqualTo(1);
            assertThat(h.numKeyedStateEntries()).isEqualTo(2); // accepted version and digest

            h.processElement(TestModels.record(v2, 3), 0L); // replayed topic
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(deadLetters(h)).isEmpty();
            snapshot = h.snapshot(1L, 1L);
        }
        // After a restore the gate still knows v2 is current.
        ModelGate restored = new ModelGate(TestModels.kmeans(1), TestModels.trusted(), false);
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(restored), (RawRecord r) -> 0, Types.INT)) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(TestModels.record(TestModels.kmeans(2), 4), 0L);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(deadLetters(h)).isEmpty();
            h.processElement(TestModels.record(TestModels.kmeans(1), 5), 0L);
            assertThat(deadLetters(h)).singleElement().extracting(DeadLetter::getReason).asString()
                    .contains("v1 is not newer than the current version v2");
        }
    }

    @Test
    void unsignedBundlesPassOnlyWhenAllowed() throws Exception {
        byte[] unsigned = encode(TestBundles.kmeans(5));
        try (var h = harness(new ModelGate(null, List.of(), true))) {
            h.processElement(TestModels.record(unsigned, 1), 0L);
            assertThat(h.extractOutputValues()).containsExactly(unsigned);
        }
        try (var h = harness(new ModelGate(null, TestModels.trusted(), false))) {
            h.processElement(TestModels.record(unsigned, 1), 0L);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(deadLetters(h)).hasSize(1);
        }
    }
}
