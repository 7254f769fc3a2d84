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
        return new HostState(0, 0);
    }

    @Override
    public HostState copy(HostState from) {
        return from.copy();
    }

    /** The sums as three dense arrays (flows, bytes, failed per half-life), then the peers and ports. */
    @Override
    protected void write(HostState s, DataOutputView out) throws IOException {
        out.writeLong(s.getLastMs());
        int n = s.halfLives();
        out.writeInt(n);
        for (int h = 0; h < n; h++) out.writeDouble(s.flows(h));
        out.writeInt(n);
        for (int h = 0; h < n; h++) out.writeDouble(s.bytes(h));
        out.writeInt(n);
        for (int h = 0; h < n; h++) out.writeDouble(s.failed(h));
        FieldCodec.writeRecentValues(s.peers(), out);
        FieldCodec.writeRecentValues(s.ports(), out);
    }

    @Override
    public HostState deserialize(DataInputView in) throws IOException {
        long lastMs = in.readLong();
        double[] flows = sums(in);
        double[] bytes = sums(in);
        double[] failed = sums(in);
        try {
            return HostState.restore(lastMs, flows, bytes, failed, FieldCodec.readRecentValues(in), FieldCodec.readRecentValues(in));
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt host state: " + e.getMessage(), e);
        }
    }

    private static double[] sums(DataInputView in) throws IOException {
        double[] v = FieldCodec.readDoubles(in);
        if (v == null) throw new IOException("corrupt host state: no sums");
        return v;
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
