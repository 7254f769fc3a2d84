package org.flowsentry.job.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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
        HostState old = new HostState(4, 0);
        old.setPeers(fullLength(8, 3));
        old.setPorts(fullLength(8, 8));
        return new HostState[] {SAMPLES.busiestHost(), SAMPLES.partlyFullHost(), fresh, old, new HostState()};
    }

    private static RecentValues fullLength(int length, int used) {
        RecentValues r = new RecentValues();
        r.setValues(new long[length]);
        r.setLastSeenMs(new long[length]);
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
            assertThat(restored.getPorts().maxValues()).isEqualTo(s.getPorts().maxValues());
            assertThat(restored.getPeers().maxValues()).isEqualTo(s.getPeers().maxValues());
        }
        assertThat(old.getPorts().maxValues()).isEqualTo(8);
        int pojo = size(TypeInformation.of(HostState.class).createSerializer(new SerializerConfigImpl()), busy);
        int own = size(new HostStateSerializer(), busy);
        System.out.printf("busiest host of %d generated flows: %d peers, %d ports; %d bytes serialized (PojoSerializer: %d)%n",
                SAMPLES.events.size(), busy.getPeers().size(), busy.getPorts().size(), own, pojo);
        assertThat(own).isLessThan(pojo);
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
