package org.flowsentry.job.serialization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Host addresses as keys of the job's keyed state (both keyBys and the pairs' map keys): the
 * length, then the UTF-8 bytes in one write. Flink's StringSerializer writes a string one byte
 * call per character, which was over a third of a heap snapshot's time on a busy network (every
 * host's key is written once for its state and once for its expiry timer).
 */
public final class HostKeySerializer extends TypeSerializerSingleton<String> {
    private static final long serialVersionUID = 1L;
    public static final HostKeySerializer INSTANCE = new HostKeySerializer();
    /** Keys are host addresses; anything longer is not one (FlowValidation refuses it before). */
    static final int MAX_BYTES = 0xFFFF;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public String createInstance() {
        return "";
    }

    @Override
    public String copy(String from) {
        return from;
    }

    @Override
    public String copy(String from, String reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    /**
     * The length and the bytes in one write: in a heap snapshot's checkpoint stream, writeShort is
     * two single-byte calls down to the file's buffer, and keys are most of what a snapshot writes.
     */
    @Override
    public void serialize(String key, DataOutputView out) throws IOException {
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        int n = utf8.length;
        if (n > MAX_BYTES) throw new IOException("host key of " + n + " bytes is not an address");
        byte[] framed = new byte[2 + n];
        framed[0] = (byte) (n >>> 8);
        framed[1] = (byte) n;
        System.arraycopy(utf8, 0, framed, 2, n);
        out.write(framed);
    }

    @Override
    public String deserialize(DataInputView in) throws IOException {
        byte[] utf8 = new byte[in.readUnsignedShort()];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public String deserialize(String reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        int n = in.readUnsignedShort();
        out.writeShort(n);
        out.write(in, n);
    }

    @Override
    public TypeSerializerSnapshot<String> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<String> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
