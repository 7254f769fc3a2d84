package org.flowsentry.job.serialization;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.ResolvingDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.formats.avro.utils.DataInputDecoder;
import org.apache.flink.formats.avro.utils.DataOutputEncoder;
import org.apache.flink.types.StringValue;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.schema.FlowRecord;

/**
 * FlowEvent between the job's operators (two keyBy hops) and in the held-flows state. Replaces
 * Flink's PojoSerializer (reflection, boxing) around flink-avro's AvroSerializer (schema-driven
 * datum reader and writer): the FlowEvent fields are written directly, the FlowRecord with the
 * encoder and decoder Avro generates into the record class (customEncode/customDecode), so the
 * schema stays the only list of its fields.
 *
 * <p>The FlowRecord goes through flink-avro's DataOutputEncoder/DataInputDecoder (the encoding
 * flink-avro's AvroSerializer used too): they work on the DataOutput/DataInput directly, no
 * buffer, no read-ahead past the record, fixed-width numbers. Measured faster than Avro's direct
 * binary encoder and decoder over stream adapters.
 *
 * <p>The snapshot keeps the FlowRecord schema the state was written with, so held flows in a
 * checkpoint of an older FlowRecord schema are migrated (Avro's schema resolution) on restore.
 * Holds encoder state, so not thread-safe: Flink calls {@link #duplicate()} per thread.
 */
public final class FlowEventSerializer extends HandWrittenSerializer<FlowEvent> {
    private static final long serialVersionUID = 1L;
    /**
     * Version of the binary form below; bump it (and handle the old one) when it changes. Still 1
     * although the features went from dense to sparse ({@link FieldCodec#writeSparseDoubles}): each
     * array is marked with its form, and this build reads the dense one of earlier format-1 state.
     * An older build cannot read a vector written sparse (in held flows, vectors are null).
     */
    static final int FORMAT = 1;

    /**
     * The FlowRecord schema of the bytes this serializer reads (JSON): the current one, or an older
     * one when Flink restores state written with it. Writing always uses the current schema; Flink
     * only reads with a serializer restored from an older snapshot.
     */
    private final String writerSchema;
    private transient DataOutputEncoder encoder;
    private transient DataInputDecoder input;
    /** Over {@link #input}; FlowRecord.customDecode needs a ResolvingDecoder (it resolves the writer schema). */
    private transient ResolvingDecoder decoder;

    public FlowEventSerializer() {
        this(FlowRecord.getClassSchema().toString());
    }

    FlowEventSerializer(String writerSchema) {
        this.writerSchema = writerSchema;
    }

    @Override
    public TypeSerializer<FlowEvent> duplicate() {
        return new FlowEventSerializer(writerSchema);
    }

    @Override
    public FlowEvent createInstance() {
        return new FlowEvent();
    }

    @Override
    public FlowEvent copy(FlowEvent from) {
        FlowEvent e = new FlowEvent(SpecificData.get().deepCopy(FlowRecord.getClassSchema(), from.flow),
                from.eventTimeMs, from.topic, from.partition, from.offset);
        e.features = from.features == null ? null : from.features.clone();
        e.specId = from.specId;
        e.featureModelVersion = from.featureModelVersion;
        e.late = from.late;
        return e;
    }

    @Override
    protected void write(FlowEvent e, DataOutputView out) throws IOException {
        out.writeLong(e.eventTimeMs);
        StringValue.writeString(e.topic, out); // null-safe
        out.writeInt(e.partition);
        out.writeLong(e.offset);
        FieldCodec.writeSparseDoubles(e.features, out);
        out.writeLong(e.specId);
        out.writeLong(e.featureModelVersion);
        out.writeBoolean(e.late);
        // Last, so the FlowRecord's schema can change without moving the fields above. Every
        // FlowEvent carries one (the decoder makes them, the key selectors read it).
        if (encoder == null) encoder = new DataOutputEncoder();
        encoder.setOut(out);
        e.flow.customEncode(encoder);
    }

    @Override
    public FlowEvent deserialize(DataInputView in) throws IOException {
        FlowEvent e = new FlowEvent();
        e.eventTimeMs = in.readLong();
        e.topic = StringValue.readString(in);
        e.partition = in.readInt();
        e.offset = in.readLong();
        e.features = FieldCodec.readDoubles(in);
        e.specId = in.readLong();
        e.featureModelVersion = in.readLong();
        e.late = in.readBoolean();
        e.flow = readFlow(in);
        return e;
    }

    private FlowRecord readFlow(DataInputView in) throws IOException {
        if (decoder == null) {
            input = new DataInputDecoder();
            decoder = DecoderFactory.get().resolvingDecoder(new Schema.Parser().parse(writerSchema), FlowRecord.getClassSchema(), input);
        }
        input.setIn(in);
        decoder.configure(input); // back to the start of the schema for a new record
        FlowRecord flow = new FlowRecord();
        flow.customDecode(decoder);
        decoder.drain();
        return flow;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowEventSerializer s && writerSchema.equals(s.writerSchema);
    }

    @Override
    public int hashCode() {
        return writerSchema.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<FlowEvent> snapshotConfiguration() {
        return new Snapshot(writerSchema);
    }

    /** The format version and the FlowRecord schema the state was written with. */
    public static final class Snapshot extends FormatSnapshot<FlowEvent> {
        private String writerSchema;

        public Snapshot() {
            this(FlowRecord.getClassSchema().toString());
        }

        Snapshot(String writerSchema) {
            super(FORMAT);
            this.writerSchema = writerSchema;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            StringValue.writeString(writerSchema, out);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            super.readSnapshot(readVersion, in, classLoader);
            writerSchema = StringValue.readString(in);
        }

        @Override
        public TypeSerializer<FlowEvent> restoreSerializer() {
            return new FlowEventSerializer(writerSchema);
        }

        /** Called on the current serializer's snapshot with the one read from a checkpoint. */
        @Override
        public TypeSerializerSchemaCompatibility<FlowEvent> resolveSchemaCompatibility(TypeSerializerSnapshot<FlowEvent> oldSnapshot) {
            if (!(oldSnapshot instanceof Snapshot old)) return TypeSerializerSchemaCompatibility.incompatible();
            Schema written = new Schema.Parser().parse(old.writerSchema);
            Schema current = FlowRecord.getClassSchema();
            if (written.equals(current)) return TypeSerializerSchemaCompatibility.compatibleAsIs();
            return SchemaCompatibility.checkReaderWriterCompatibility(current, written).getType()
                    == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE
                    ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
