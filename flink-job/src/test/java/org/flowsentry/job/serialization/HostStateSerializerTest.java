package org.flowsentry.job.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.flowsentry.core.features.HostState;
import org.flowsentry.core.features.RecentValues;
import org.junit.jupiter.api.Test;

class HostStateSerializerTest extends SerializerTestBase<HostState> {
    private static final Samples SAMPLES = Samples.generated(3_000);

    @Override
    protected TypeSerializer<HostState> createSerializer() {
        return new HostStateSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<HostState> getTypeClass() {
        return HostState.class;
    }

    @Override
    protected HostState[] getTestData() {
        HostState fresh = HostState.create(Samples.LAYOUT.context());
        // Written before the arrays grew lazily: no capacity, full-length arrays.
        double[] sums = {1.5, 2.5, 3.5, 4.5};
        HostState old = HostState.restore(1_000L, sums, sums.clone(), sums.clone(), fullLength(8, 3), fullLength(8, 8));
        return new HostState[] {SAMPLES.busiestHost(), SAMPLES.partlyFullHost(), fresh, old, new HostState(0, 0)};
    }

    private static RecentValues fullLength(int length, int used) {
        RecentValues r = RecentValues.restore(0, new long[2 * length], 0);
        for (int i = 0; i < used; i++) r.add(1000 + i, 50L * i);
        return r;
    }

    @Test
    void aRestoredStateGrowsAndSaturatesLikeTheOriginal() throws IOException {
        HostState busy = SAMPLES.busiestHost();
        HostState partly = SAMPLES.partlyFullHost();
        HostState old = getTestData()[3];
        for (HostState s : new HostState[] {busy, partly, old}) {
            HostState restored = roundTrip(s);
            assertThat(restored).isEqualTo(s);
            assertThat(restored.ports().maxValues()).isEqualTo(s.ports().maxValues());
            assertThat(restored.peers().maxValues()).isEqualTo(s.peers().maxValues());
        }
        assertThat(old.ports().maxValues()).isEqualTo(8);
        System.out.printf("busiest host of %d generated flows: %d peers, %d ports; %d bytes serialized%n",
                SAMPLES.events.size(), busy.peers().size(), busy.ports().size(), size(new HostStateSerializer(), busy));
    }

    @Test
    void snapshotsOfAnotherFormatAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new HostStateSerializer.Snapshot().readSnapshot(HostStateSerializer.FORMAT + 1,
                new DataInputDeserializer(new byte[0]), getClass().getClassLoader()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("written in format 2, this build reads format 1");
    }

    static HostState roundTrip(HostState s) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        new HostStateSerializer().serialize(s, out);
        return new HostStateSerializer().deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    static <T> int size(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return out.length();
    }
}
