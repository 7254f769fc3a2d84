package org.flowsentry.job.serialization;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What the job's hand-written serializers share: mutable types of variable length, copies and
 * reads always into new instances (the job's state and network paths never pass one to reuse),
 * and writes to streams in one piece, through the instance's own buffer ({@link BufferedSerializer}).
 */
abstract class HandWrittenSerializer<T> extends BufferedSerializer<T> {
    private static final long serialVersionUID = 1L;

    private transient DataOutputSerializer buffer;

    /**
     * Writes the value with {@link #write}. Flink's network and RocksDB hand in an in-memory
     * buffer, written to directly; a heap-backend snapshot hands in its checkpoint stream, where
     * each writeLong or writeDouble is several calls down to the file's buffer: there the value
     * is built in a buffer of our own and written with one call (snapshots of a busy network's
     * host state took about twice as long otherwise, and compete with scoring for the CPU).
     */
    @Override
    public final void serialize(T value, DataOutputView out) throws IOException {
        if (out instanceof DataOutputSerializer) {
            write(value, out);
            return;
        }
        if (buffer == null) buffer = new DataOutputSerializer(256);
        buffer.clear();
        write(value, buffer);
        out.write(buffer.getSharedBuffer(), 0, buffer.length());
    }

    /** The value's binary form. */
    protected abstract void write(T value, DataOutputView out) throws IOException;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }
}
