package org.flowsentry.core.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
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
 * Instances are thread-safe.
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
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroWire(Class<T> type) {
        this.type = type;
        Schema schema = SpecificData.get().getSchema(type);
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
