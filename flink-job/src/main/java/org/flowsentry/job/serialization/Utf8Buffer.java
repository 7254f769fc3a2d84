package org.flowsentry.job.serialization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Text as its UTF-8 bytes after their count, written in one call from a buffer this object owns
 * and read back through it. Flink's StringValue and DataOutput.writeUTF go a character at a time,
 * and a new array per string (two with String.getBytes) is garbage on a path every flow takes.
 * Addresses, labels and feature names are ASCII, which is copied without an encoder. One buffer,
 * so an instance serves one thread (each serializer instance has its own).
 */
final class Utf8Buffer {
    /** Count in place of a length: null text ({@link #writeNullable}). */
    private static final int NULL = -1;

    private byte[] buffer = new byte[64];

    /**
     * Puts text's UTF-8 bytes into the buffer after header bytes left free for the caller's count,
     * and returns how many there are.
     */
    int encode(String text, int header) {
        int n = text.length();
        byte[] b = room(header + n);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) return encodeNonAscii(text, header);
            b[header + i] = (byte) c;
        }
        return n;
    }

    private int encodeNonAscii(String text, int header) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(utf8, 0, room(header + utf8.length), header, utf8.length);
        return utf8.length;
    }

    /** The buffer {@link #encode} wrote into. */
    byte[] buffer() {
        return buffer;
    }

    /** Text of n UTF-8 bytes, read through the buffer. */
    String read(int n, DataInputView in) throws IOException {
        byte[] b = room(n);
        in.readFully(b, 0, n);
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** The count as an int ({@link #NULL} for null text), then the bytes. */
    void writeNullable(String text, DataOutputView out) throws IOException {
        if (text == null) {
            out.writeInt(NULL);
            return;
        }
        int n = encode(text, 4);
        byte[] b = buffer;
        b[0] = (byte) (n >>> 24);
        b[1] = (byte) (n >>> 16);
        b[2] = (byte) (n >>> 8);
        b[3] = (byte) n;
        out.write(b, 0, 4 + n);
    }

    /** What {@link #writeNullable} wrote. */
    String readNullable(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n == NULL) return null;
        if (n < 0) throw new IOException("corrupt text: length " + n);
        return read(n, in);
    }

    private byte[] room(int n) {
        if (buffer.length < n) buffer = new byte[Math.max(2 * buffer.length, n)];
        return buffer;
    }
}
