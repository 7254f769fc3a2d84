package org.flowsentry.job.serialization;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.flowsentry.core.features.HostState;

/**
 * Keyed state of a host's context. Replaces Flink's PojoSerializer, which copies by reflection and
 * boxes every double: the heap backend copies each entry a running checkpoint still reads before
 * it changes, and that stalled the job for seconds every checkpoint.
 */
public final class HostStateSerializer extends HandWrittenSerializer<HostState> {
    private static final long serialVersionUID = 1L;
    /** Version of the binary form below; bump it (and handle the old one) when it changes. */
    static final int FORMAT = 1;

    /** A new instance: each owns its write buffer. */
    @Override
    public TypeSerializer<HostState> duplicate() {
        return new HostStateSerializer();
    }

    @Override
    public HostState createInstance() {
        return new HostState();
    }

    @Override
    public HostState copy(HostState from) {
        return from.copy();
    }

    @Override
    protected void write(HostState s, DataOutputView out) throws IOException {
        out.writeLong(s.getLastMs());
        FieldCodec.writeDoubles(s.getFlows(), out);
        FieldCodec.writeDoubles(s.getBytes(), out);
        FieldCodec.writeDoubles(s.getFailed(), out);
        FieldCodec.writeRecentValues(s.getPeers(), out);
        FieldCodec.writeRecentValues(s.getPorts(), out);
    }

    @Override
    public HostState deserialize(DataInputView in) throws IOException {
        HostState s = new HostState();
        s.setLastMs(in.readLong());
        s.setFlows(FieldCodec.readDoubles(in));
        s.setBytes(FieldCodec.readDoubles(in));
        s.setFailed(FieldCodec.readDoubles(in));
        s.setPeers(FieldCodec.readRecentValues(in));
        s.setPorts(FieldCodec.readRecentValues(in));
        return s;
    }

    @Override
    public TypeSerializerSnapshot<HostState> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends FormatSnapshot<HostState> {
        public Snapshot() {
            super(FORMAT);
        }

        @Override
        public TypeSerializer<HostState> restoreSerializer() {
            return new HostStateSerializer();
        }
    }
}
