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
import org.apache.flink.types.StringValue;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.schema.FlowRecord;

/**
 * FlowEvent between the job's operators (two keyBy hops) and in the held-flows state. Replaces
 * Flink's PojoSerializer (reflection, boxing) around flink-avro's AvroSerializer (schema-driven
 * datum reader and writer): the FlowEvent fields are written directly, the FlowRecord by
 * {@link FlowRecordCodec}, text through one {@link Utf8Buffer}.
 *
 * <p>Format 2 (this build writes it): the FlowEvent's fields, then the FlowRecord as
 * FlowRecordCodec writes it. Format 1 (earlier builds; read for held flows restored from their
 * checkpoints): the topic as Flink's StringValue, the FlowRecord last with Avro's generated
 * encoder (flink-avro's DataOutputEncoder) in the schema the snapshot names, so state of an older
 * FlowRecord schema is migrated by Avro's schema resolution. Holds buffers and decoder state, so
 * not thread-safe: Flink calls {@link #duplicate()} per thread.
 */
public final class FlowEventSerializer extends HandWrittenSerializer<FlowEvent> {
    private static final long serialVersionUID = 1L;
    /**
     * Version of the binary form written; bump it (and read the old one) when it changes. Format
     * 1's feature vectors were dense until they became sparse within it ({@link FieldCodec#readDoubles}
     * reads both forms).
     */
    static final int FORMAT = 2;
    /** The format of earlier builds, which this one still reads. */
    static final int AVRO_FORMAT = 1;

    /** The format this instance reads: {@link #FORMAT}, or {@link #AVRO_FORMAT} when restored from such state. */
    private final int format;
    /**
     * The FlowRecord schema of format-1 bytes (JSON), as the snapshot of the state names it; the
     * current schema otherwise.
     */
    private final String writerSchema;
    private transient Utf8Buffer text;
    private transient FlowRecordCodec codec;
    private transient DataInputDecoder input;
    /** Over {@link #input}; FlowRecord.customDecode needs a ResolvingDecoder (it resolves the writer schema). */
    private transient ResolvingDecoder decoder;

    public FlowEventSerializer() {
        this(FORMAT, FlowRecord.getClassSchema().toString());
    }

    FlowEventSerializer(int format, String writerSchema) {
        this.format = format;
        this.writerSchema = writerSchema;
    }

    @Override
    public TypeSerializer<FlowEvent> duplicate() {
        return new FlowEventSerializer(format, writerSchema);
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

    /** Always in {@link #FORMAT}: Flink writes state with the current serializer, restored ones only read. */
    @Override
    protected void write(FlowEvent e, DataOutputView out) throws IOException {
        init();
        out.writeLong(e.eventTimeMs);
        text.writeNullable(e.topic, out);
        out.writeInt(e.partition);
        out.writeLong(e.offset);
        FieldCodec.writeSparseDoubles(e.features, out);
        out.writeLong(e.specId);
        out.writeLong(e.featureModelVersion);
        out.writeBoolean(e.late);
        codec.write(e.flow, out); // every FlowEvent carries one (the decoder makes them, the key selectors read it)
    }

    @Override
    public FlowEvent deserialize(DataInputView in) throws IOException {
        init();
        FlowEvent e = new FlowEvent();
        e.eventTimeMs = in.readLong();
        e.topic = format == AVRO_FORMAT ? StringValue.readString(in) : text.readNullable(in);
        e.partition = in.readInt();
        e.offset = in.readLong();
        e.features = FieldCodec.readDoubles(in);
        e.specId = in.readLong();
        e.featureModelVersion = in.readLong();
        e.late = in.readBoolean();
        e.flow = format == AVRO_FORMAT ? readAvroFlow(in) : codec.read(in);
        return e;
    }

    private void init() {
        if (codec == null) {
            text = new Utf8Buffer();
            codec = new FlowRecordCodec(text);
        }
    }

    private FlowRecord readAvroFlow(DataInputView in) throws IOException {
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
        return o instanceof FlowEventSerializer s && format == s.format && writerSchema.equals(s.writerSchema);
    }

    @Override
    public int hashCode() {
        return 31 * format + writerSchema.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<FlowEvent> snapshotConfiguration() {
        return new Snapshot(format, writerSchema);
    }

    /**
     * The format and FlowRecord schema of the state: Flink writes the format as the snapshot's
     * version, this writes the schema. Restores state of either format; format-1 state needs
     * migration (read with the restored serializer, written again in format 2).
     */
    public static final class Snapshot extends FormatSnapshot<FlowEvent> {
        private String writerSchema;

        public Snapshot() {
            this(FORMAT, FlowRecord.getClassSchema().toString());
        }

        Snapshot(int format, String writerSchema) {
            super(FORMAT, AVRO_FORMAT, format);
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
            return new FlowEventSerializer(format(), writerSchema);
        }

        /**
         * Called on the current serializer's snapshot with the one read from a checkpoint: the
         * format decides as for every FormatSnapshot, then the FlowRecord schema the state was
         * written in.
         */
        @Override
        public TypeSerializerSchemaCompatibility<FlowEvent> resolveSchemaCompatibility(TypeSerializerSnapshot<FlowEvent> oldSnapshot) {
            TypeSerializerSchemaCompatibility<FlowEvent> byFormat = super.resolveSchemaCompatibility(oldSnapshot);
            if (byFormat.isIncompatible()) return byFormat;
            Schema written = new Schema.Parser().parse(((Snapshot) oldSnapshot).writerSchema);
            Schema current = FlowRecord.getClassSchema();
            if (byFormat.isCompatibleAsIs()) {
                // FlowRecordCodec writes the current schema's fields; another schema would need another format.
                return written.equals(current) ? byFormat : TypeSerializerSchemaCompatibility.incompatible();
            }
            return SchemaCompatibility.checkReaderWriterCompatibility(current, written).getType()
                    == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE
                    ? byFormat
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
