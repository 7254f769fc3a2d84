package org.flowsentry.job.serialization;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Host addresses as keys of the job's keyed state (both keyBys and the pairs' map keys): the
 * length, then the UTF-8 bytes in one write. Flink's StringSerializer writes a string one byte
 * call per character, which was over a third of a heap snapshot's time on a busy network (every
 * host's key is written once for its state and once for its expiry timer).
 *
 * <p>Each instance owns the buffer a key is framed in ({@link Utf8Buffer}), so it serves one thread and
 * {@link #duplicate()} returns a new one (as Flink expects of serializers with state): a heap
 * snapshot writes a million keys, and a new array per key (two, with String.getBytes) was 70 MB
 * of garbage per checkpoint in benchmark-stream, young collections while the snapshot ran.
 */
public final class HostKeySerializer extends BufferedSerializer<String> {
    private static final long serialVersionUID = 1L;
    /** Keys are host addresses; anything longer is not one (FlowValidation refuses it before). */
    static final int MAX_BYTES = 0xFFFF;

    private transient Utf8Buffer text;

    @Override
    public TypeSerializer<String> duplicate() {
        return new HostKeySerializer();
    }

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
     * Addresses are ASCII and framed in this serializer's buffer; other text is encoded first.
     */
    @Override
    public void serialize(String key, DataOutputView out) throws IOException {
        if (key.length() > MAX_BYTES) throw tooLong(key.length()); // UTF-8 has at least a byte per character
        Utf8Buffer t = text();
        int n = t.encode(key, 2);
        if (n > MAX_BYTES) throw tooLong(n);
        byte[] b = t.buffer();
        b[0] = (byte) (n >>> 8);
        b[1] = (byte) n;
        out.write(b, 0, 2 + n);
    }

    private Utf8Buffer text() {
        if (text == null) text = new Utf8Buffer();
        return text;
    }

    private static IOException tooLong(int bytes) {
        return new IOException("host key of " + bytes + " bytes is not an address");
    }

    @Override
    public String deserialize(DataInputView in) throws IOException {
        return text().read(in.readUnsignedShort(), in);
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
            super(HostKeySerializer::new);
        }
    }
}
