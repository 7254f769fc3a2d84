package org.flowsentry.job.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.utils.DataOutputEncoder;
import org.apache.flink.testutils.DeeplyEqualsChecker;
import org.apache.flink.types.StringValue;
import org.flowsentry.job.TestFlows;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class FlowEventSerializerTest extends SerializerTestBase<FlowEvent> {
    private static final Samples SAMPLES = Samples.generated(200);

    FlowEventSerializerTest() {
        // FlowEvent has no equals: compare every field (arrays by value, FlowRecord with Avro's equals).
        super(new DeeplyEqualsChecker().withCustomCheck((a, b) -> a instanceof FlowEvent && b instanceof FlowEvent,
                (a, b, checker) -> sameFields((FlowEvent) a, (FlowEvent) b)));
    }

    @Override
    protected TypeSerializer<FlowEvent> createSerializer() {
        return new FlowEventSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<FlowEvent> getTypeClass() {
        return FlowEvent.class;
    }

    @Override
    protected FlowEvent[] getTestData() {
        FlowEvent decoded = TestFlows.event(TestFlows.tcp("10.1.0.5", "10.1.0.9", 443, TestFlows.T0), 7); // no features yet
        FlowEvent featured = SAMPLES.events.get(150); // 67 features
        featured.late = true;

        FlowRecord extras = FlowRecord.newBuilder(SAMPLES.events.get(3).flow)
                .setState("CON").setService("http").setExporter("unsw-nb15/part1.csv").setLabel("Exploits")
                .setAttackCategory("Exploits").setIcmpType(3).setIcmpCode(1).setFeatures(extraFeatures()).build();
        FlowEvent withExtras = new FlowEvent(extras, extras.getStartMs(), TestFlows.TOPIC, 5, 123_456_789_012L);
        withExtras.features = new double[Samples.LAYOUT.width()];
        Arrays.fill(withExtras.features, Double.NaN); // missing extras are NaN until the scaler fills them
        withExtras.features[0] = -0.0;

        FlowEvent noTopic = new FlowEvent(TestFlows.tcp("fe80::1", "ff02::fb", 5353, TestFlows.T0), TestFlows.T0, null, 0, 0);
        return new FlowEvent[] {decoded, featured, Samples.sparseEvent(), withExtras, noTopic};
    }

    private static Map<String, Double> extraFeatures() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("sttl", 254.0);
        m.put("ct_srv_src", 2.0);
        m.put("Flow Bytes/s", 1.25e9);
        return m;
    }

    /** Guards the field list in FlowEventSerializer: a field added to FlowEvent but not written there fails the round trips above. */
    @Test
    void theTestDataSetsEveryFieldOfFlowEventAndItsRecord() throws IllegalAccessException, IOException {
        FlowEvent[] data = getTestData();
        FlowEvent empty = new FlowEvent();
        for (Field f : instanceFields()) {
            boolean set = false;
            for (FlowEvent e : data) set |= !Objects.deepEquals(f.get(e), f.get(empty));
            assertThat(set).as("some test FlowEvent sets field %s", f.getName()).isTrue();
        }
        for (org.apache.avro.Schema.Field f : FlowRecord.getClassSchema().getFields()) {
            boolean nonNull = false;
            boolean nullable = f.schema().isNullable();
            boolean isNull = !nullable;
            for (FlowEvent e : data) {
                nonNull |= e.flow.get(f.pos()) != null;
                isNull |= e.flow.get(f.pos()) == null;
            }
            assertThat(nonNull && isNull).as("test flows hold FlowRecord.%s both set and (when optional) null", f.name()).isTrue();
        }
        assertThat(data[0].features).isNull();
        assertThat(data[1].features).hasSize(67);
        assertThat(data[2].flow.getFeatures()).isNull();
        System.out.printf("FlowEvent bytes: decoded %d, with 67 features %d, sparse %d, with extras %d%n",
                size(data[0]), size(data[1]), size(data[2]), size(data[3]));
    }

    private static int size(FlowEvent e) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        new FlowEventSerializer().serialize(e, out);
        return out.length();
    }

    @Test
    void heldFlowsOfAnOlderFlowRecordSchemaAreMigratedOnRestore() throws IOException {
        Schema current = FlowRecord.getClassSchema();
        Schema older = withFields(current, current.getFields().stream().filter(f -> !f.name().equals("attackCategory")).toList());
        FlowEvent e = getTestData()[3];
        assertThat(e.flow.getAttackCategory()).isNotNull();

        TypeSerializerSnapshot<FlowEvent> restored = roundTrip(new FlowEventSerializer.Snapshot(FlowEventSerializer.AVRO_FORMAT, older.toString()));
        TypeSerializerSnapshot<FlowEvent> now = new FlowEventSerializer().snapshotConfiguration();
        assertThat(now.resolveSchemaCompatibility(restored).isCompatibleAfterMigration()).isTrue();
        FlowEvent read = restored.restoreSerializer().deserialize(new DataInputDeserializer(formatOne(e, older, false)));
        e.flow.setAttackCategory(null); // the older schema has none: the current default
        assertThat(sameFields(read, e)).as("%s read back as %s", e.flow, read.flow).isTrue();

        // A schema the current record cannot read (protocol as text) is refused, not misread.
        Schema unreadable = withFields(current, current.getFields().stream()
                .map(f -> f.name().equals("protocol") ? new Schema.Field("protocol", Schema.create(Schema.Type.STRING)) : f)
                .toList());
        assertThat(now.resolveSchemaCompatibility(roundTrip(new FlowEventSerializer.Snapshot(FlowEventSerializer.AVRO_FORMAT,
                unreadable.toString()))).isIncompatible()).isTrue();
    }

    /** Held flows in a checkpoint of earlier builds: format 1 (Avro's encoder), feature vectors dense or sparse. */
    @Test
    void heldFlowsOfFormatOneAreReadAndMigrated() throws IOException {
        TypeSerializerSnapshot<FlowEvent> restored = roundTrip(new FlowEventSerializer.Snapshot(FlowEventSerializer.AVRO_FORMAT,
                FlowRecord.getClassSchema().toString()));
        assertThat(new FlowEventSerializer().snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAfterMigration())
                .isTrue();
        TypeSerializer<FlowEvent> reader = restored.restoreSerializer();
        for (boolean dense : new boolean[] {true, false}) {
            for (FlowEvent e : getTestData()) {
                DataInputDeserializer in = new DataInputDeserializer(formatOne(e, FlowRecord.getClassSchema(), dense));
                FlowEvent read = reader.deserialize(in);
                assertThat(in.available()).isZero();
                assertThat(sameFields(read, e)).as("%s read back as %s", e.flow, read.flow).isTrue();
            }
        }
    }

    @Test
    void stateOfThisFormatIsReadAsItIsAndOfAnUnknownFormatRefused() throws IOException {
        TypeSerializerSnapshot<FlowEvent> now = new FlowEventSerializer().snapshotConfiguration();
        assertThat(now.getCurrentVersion()).isEqualTo(FlowEventSerializer.FORMAT);
        assertThat(now.resolveSchemaCompatibility(roundTrip(now)).isCompatibleAsIs()).isTrue();
        assertThat(roundTrip(now).restoreSerializer()).isEqualTo(new FlowEventSerializer());

        DataOutputSerializer out = new DataOutputSerializer(8192);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, new FlowEventSerializer.Snapshot(FlowEventSerializer.FORMAT + 1,
                FlowRecord.getClassSchema().toString()));
        assertThatThrownBy(() -> TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader()))
                .hasMessageContaining("written in format " + (FlowEventSerializer.FORMAT + 1));
    }

    private static Schema withFields(Schema record, List<Schema.Field> fields) {
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false,
                fields.stream().map(f -> new Schema.Field(f, f.schema())).toList());
    }

    /**
     * A FlowEvent in format 1, as earlier builds wrote it (its specification): the fields, the
     * topic as StringValue, the vector dense or sparse, and the FlowRecord last with Avro's encoder
     * in flowSchema.
     */
    private static byte[] formatOne(FlowEvent e, Schema flowSchema, boolean denseFeatures) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        out.writeLong(e.eventTimeMs);
        StringValue.writeString(e.topic, out);
        out.writeInt(e.partition);
        out.writeLong(e.offset);
        if (denseFeatures) FieldCodec.writeDoubles(e.features, out);
        else FieldCodec.writeSparseDoubles(e.features, out);
        out.writeLong(e.specId);
        out.writeLong(e.featureModelVersion);
        out.writeBoolean(e.late);
        GenericRecord flow = new GenericData.Record(flowSchema);
        for (Schema.Field f : flowSchema.getFields()) flow.put(f.name(), e.flow.get(f.name()));
        DataOutputEncoder encoder = new DataOutputEncoder();
        encoder.setOut(out);
        new GenericDatumWriter<GenericRecord>(flowSchema).write(flow, encoder);
        return out.getCopyOfBuffer();
    }

    /** Through the bytes of a checkpoint's metadata, as Flink writes and reads it. */
    private static TypeSerializerSnapshot<FlowEvent> roundTrip(TypeSerializerSnapshot<FlowEvent> snapshot) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(8192);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()),
                FlowEventSerializerTest.class.getClassLoader());
    }

    private static boolean sameFields(FlowEvent a, FlowEvent b) {
        try {
            for (Field f : instanceFields()) {
                if (!Objects.deepEquals(f.get(a), f.get(b))) return false;
            }
            return true;
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static Field[] instanceFields() {
        return Arrays.stream(FlowEvent.class.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers())).toArray(Field[]::new);
    }
}
