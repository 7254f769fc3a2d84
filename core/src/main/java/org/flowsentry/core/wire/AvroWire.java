package org.flowsentry.core.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.DeadLetter;
import org.flowsentry.schema.Feedback;
import org.flowsentry.schema.FlowRecord;
import org.flowsentry.schema.ModelBundle;
import org.flowsentry.schema.ReleasedSchemas;

/**
 * FlowSentry's Kafka wire format: Avro single-object encoding (a 2-byte marker, the writer
 * schema's 8-byte fingerprint, then the binary record). Every released version of the record's
 * schema is registered, so messages from older producers decode into the current class.
 * Instances are thread-safe; a {@link Writer} from {@link #newWriter()} is not, and is cheaper.
 */
public final class AvroWire<T extends SpecificRecordBase> {
    /**
     * Writes with the encoders Avro generates into each record class (same bytes, straight-line
     * code instead of schema-driven reflection): about twice as fast for the job's alerts. Off by
     * default in Avro (org.apache.avro.specific.use_custom_coders), so turned on here, for writing only.
     */
    private static final SpecificData CUSTOM_CODERS = customCoders(); // before the instances below use it

    public static final AvroWire<FlowRecord> FLOW_RECORD = new AvroWire<>(FlowRecord.class);
    public static final AvroWire<Alert> ALERT = new AvroWire<>(Alert.class);
    public static final AvroWire<ModelBundle> MODEL_BUNDLE = new AvroWire<>(ModelBundle.class);
    public static final AvroWire<Feedback> FEEDBACK = new AvroWire<>(Feedback.class);
    public static final AvroWire<DeadLetter> DEAD_LETTER = new AvroWire<>(DeadLetter.class);

    private final Class<T> type;
    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroWire(Class<T> type) {
        this.type = type;
        this.schema = SpecificData.get().getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(CUSTOM_CODERS, schema);
        this.decoder = new BinaryMessageDecoder<>(SpecificData.get(), schema);
        for (Schema released : ReleasedSchemas.history(type.getSimpleName())) decoder.addSchema(released);
    }

    private static SpecificData customCoders() {
        SpecificData data = new SpecificData(AvroWire.class.getClassLoader());
        data.setCustomCoders(true);
        return data;
    }

    public byte[] encode(T record) {
        try {
            ByteBuffer buf = encoder.encode(record);
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + type.getSimpleName(), e); // in-memory: cannot happen
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** A writer of this type's messages for one thread (e.g. one sink instance): see {@link Writer}. */
    public Writer newWriter() {
        return new Writer();
    }

    /**
     * Writes the same bytes as {@link #encode}, with a buffer and encoder of its own: Avro's message
     * encoder looks its buffer and encoder up in two ThreadLocals on every call, slow on Flink task
     * threads with their large ThreadLocal maps, and copies the bytes twice. Not thread-safe.
     */
    public final class Writer {
        private final DatumWriter<T> datumWriter = CUSTOM_CODERS.createDatumWriter(schema);
        private final Output out = new Output(header(schema));
        private BinaryEncoder binary = EncoderFactory.get().binaryEncoder(out, null);

        private Writer() {}

        public byte[] encode(T record) {
            out.restart();
            try {
                datumWriter.write(record, binary);
                binary.flush();
            } catch (IOException e) {
                binary = EncoderFactory.get().binaryEncoder(out, null); // drop what the failed record left buffered
                throw new IllegalStateException("cannot encode " + type.getSimpleName(), e); // in-memory: cannot happen
            } catch (RuntimeException e) {
                binary = EncoderFactory.get().binaryEncoder(out, null);
                throw new IllegalArgumentException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
            }
            return out.bytes();
        }
    }

    /** The single-object header: marker C3 01, then the schema's CRC-64-AVRO fingerprint (little-endian). */
    private static byte[] header(Schema schema) {
        return ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0xC3).put((byte) 0x01).putLong(SchemaNormalization.parsingFingerprint64(schema)).array();
    }

    /** A growable byte buffer that always starts with the header; unlike ByteArrayOutputStream, not synchronized. */
    private static final class Output extends OutputStream {
        private final int headerLength;
        private byte[] buf = new byte[1024];
        private int count;

        Output(byte[] header) {
            System.arraycopy(header, 0, buf, 0, header.length);
            headerLength = header.length;
            count = headerLength;
        }

        void restart() {
            count = headerLength;
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, count);
        }

        @Override
        public void write(int b) {
            room(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            room(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        private void room(int len) {
            if (count + len > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + len));
        }
    }

    /**
     * Decodes one message.
     *
     * @throws WireFormatException with a readable reason when the bytes are not a message of this type
     */
    public T decode(byte[] bytes) throws WireFormatException {
        if (bytes == null) throw new WireFormatException("empty message (null value)");
        try {
            return decoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw new WireFormatException("unknown " + type.getSimpleName() + " schema fingerprint (not a released version): "
                    + e.getMessage());
        } catch (BadHeaderException e) {
            throw new WireFormatException("not Avro single-object encoding: " + e.getMessage());
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new WireFormatException("corrupt " + type.getSimpleName() + " message: " + e);
        }
    }

    /** True when the bytes start with the single-object marker (C3 01). */
    public static boolean looksLikeSingleObject(byte[] bytes) {
        return bytes != null && bytes.length >= 10 && (bytes[0] & 0xFF) == 0xC3 && bytes[1] == 0x01;
    }
}
