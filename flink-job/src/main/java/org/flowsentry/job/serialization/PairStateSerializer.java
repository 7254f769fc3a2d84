package org.flowsentry.job.serialization;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.flowsentry.core.features.PairState;

/**
 * Keyed state of a source-destination pair; written by hand for the reasons in {@link HostStateSerializer}.
 *
 * <p>Copies share instead of copying ({@link PairState#share()}). The heap backend copies a
 * state value when it is first accessed while a checkpoint is being written, and a host's pairs
 * are one value, a map: every pair of the host was deep-copied, though the flow changes one. The
 * busiest hosts have maps of thousands of pairs, and they are accessed first: the thread that
 * kept them did little but copy for the first 200 ms of every checkpoint, while flows waited. Now
 * the map is copied with its references, the states become shared with the checkpoint, and the
 * operator (DestinationFeatures) updates a copy of a shared state
 * ({@code ContextStates.pairToUpdate}), so each pair is copied once, when its next flow comes,
 * and a checkpoint reads only unchanged states.
 */
public final class PairStateSerializer extends HandWrittenSerializer<PairState> {
    private static final long serialVersionUID = 1L;
    /** Version of the binary form below; bump it (and handle the old one) when it changes. */
    static final int FORMAT = 1;

    /** A new instance: each owns its write buffer. */
    @Override
    public TypeSerializer<PairState> duplicate() {
        return new PairStateSerializer();
    }

    @Override
    public PairState createInstance() {
        return new PairState();
    }

    /** The same instance, from now on shared and never changed (see above). */
    @Override
    public PairState copy(PairState from) {
        return from.share();
    }

    @Override
    protected void write(PairState s, DataOutputView out) throws IOException {
        out.writeLong(s.getLastMs());
        FieldCodec.writeDoubles(s.getFlows(), out);
        out.writeDouble(s.getIatW());
        out.writeDouble(s.getIatSum());
        out.writeDouble(s.getIatSq());
        out.writeDouble(s.getSizeW());
        out.writeDouble(s.getSizeSum());
        out.writeDouble(s.getSizeSq());
    }

    @Override
    public PairState deserialize(DataInputView in) throws IOException {
        PairState s = new PairState();
        s.setLastMs(in.readLong());
        s.setFlows(FieldCodec.readDoubles(in));
        s.setIatW(in.readDouble());
        s.setIatSum(in.readDouble());
        s.setIatSq(in.readDouble());
        s.setSizeW(in.readDouble());
        s.setSizeSum(in.readDouble());
        s.setSizeSq(in.readDouble());
        return s;
    }

    @Override
    public TypeSerializerSnapshot<PairState> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends FormatSnapshot<PairState> {
        public Snapshot() {
            super(FORMAT);
        }

        @Override
        public TypeSerializer<PairState> restoreSerializer() {
            return new PairStateSerializer();
        }
    }
}
