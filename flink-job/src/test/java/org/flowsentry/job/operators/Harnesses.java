package org.flowsentry.job.operators;

import java.util.List;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.flowsentry.job.JobDescriptors;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.schema.DeadLetter;

/** Shortcuts for the operator harnesses. */
final class Harnesses {
    private Harnesses() {}

    static <OUT> KeyedBroadcastOperatorTestHarness<String, FlowEvent, byte[], OUT> keyed(
            KeyedBroadcastProcessFunction<String, FlowEvent, byte[], OUT> fn, KeySelector<FlowEvent, String> key) throws Exception {
        var h = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(fn, key, JobDescriptors.HOST_KEY, JobDescriptors.model());
        return h;
    }

    /** Keyed state entries held by the operator (heap backend), across all keys and states. */
    static int keyedEntries(AbstractStreamOperatorTestHarness<?> h) {
        KeyedStateBackend<?> backend = h.getOperator().getKeyedStateBackend();
        return ((HeapKeyedStateBackend<?>) backend).numKeyValueStateEntries();
    }

    /** The state of one key, read through the operator's backend. */
    @SuppressWarnings("unchecked")
    static <S extends State> S state(AbstractStreamOperatorTestHarness<?> h, String key, StateDescriptor<S, ?> descriptor) throws Exception {
        KeyedStateBackend<String> backend = (KeyedStateBackend<String>) (KeyedStateBackend<?>) h.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(key);
        return backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
    }

    static List<DeadLetter> deadLetters(AbstractStreamOperatorTestHarness<?> h) {
        var side = h.getSideOutput(JobDescriptors.DEAD_LETTERS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }
}
