package org.flowsentry.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.flowsentry.core.flow.FlowRecords;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class AvroWireTest {

    private static FlowRecord sample() {
        FlowRecord r = FlowRecords.blank();
        r.setStartMs(1_700_000_000_123L);
        r.setEndMs(1_700_000_000_456L);
        r.setDurationUs(333_000L);
        r.setSrcAddr("10.0.0.1");
        r.setDstAddr("2001:db8::1");
        r.setSrcPort(51515);
        r.setDstPort(443);
        r.setProtocol(6);
        r.setSrcBytes(1234L);
        r.setDstBytes(98765L);
        r.setSrcPackets(10L);
        r.setDstPackets(80L);
        r.setFeatures(Map.of("Flow IAT Mean", 0.1 + 0.2));
        r.setLabel("BENIGN");
        return r;
    }

    @Test
    void roundTripsEveryFieldExactly() throws Exception {
        FlowRecord r = sample();
        byte[] bytes = AvroWire.FLOW_RECORD.encode(r);
        assertThat(AvroWire.looksLikeSingleObject(bytes)).isTrue();
        FlowRecord back = AvroWire.FLOW_RECORD.decode(bytes);
        assertThat(back).isEqualTo(r);
        assertThat(back.getFeatures().get("Flow IAT Mean")).isEqualTo(0.1 + 0.2); // full double precision
    }

    @Test
    void headerCarriesTheWriterSchemaFingerprint() {
        byte[] bytes = AvroWire.FLOW_RECORD.encode(sample());
        long fp = SchemaNormalization.parsingFingerprint64(FlowRecord.getClassSchema());
        long inMessage = 0;
        for (int i = 9; i >= 2; i--) inMessage = (inMessage << 8) | (bytes[i] & 0xFF); // little-endian
        assertThat(inMessage).isEqualTo(fp);
    }

    @Test
    void decodesMessagesWrittenWithAnOlderSchema() throws Exception {
        // An old producer that did not know 'attackCategory' yet: its fingerprint is unknown...
        Schema old = new Schema.Parser().parse("""
                {"type":"record","name":"FlowRecord","namespace":"org.flowsentry.schema","fields":[
                  {"name":"srcBytes","type":"long"},{"name":"dstBytes","type":"long"}]}""");
        GenericData.Record rec = new GenericData.Record(old);
        rec.put("srcBytes", 5L);
        rec.put("dstBytes", 7L);
        byte[] oldMessage = singleObject(old, rec);
        assertThatThrownBy(() -> AvroWire.FLOW_RECORD.decode(oldMessage))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("unknown FlowRecord schema fingerprint");
        // ...while the released 0.1.0 snapshot (registered) decodes.
        Schema released = org.flowsentry.schema.ReleasedSchemas.version("0.1.0").get("FlowRecord");
        GenericData.Record full = new GenericData.Record(released);
        for (Schema.Field f : released.getFields()) full.put(f.name(), GenericData.get().getDefaultValue(f));
        full.put("srcBytes", 5L);
        full.put("srcAddr", "192.0.2.7");
        FlowRecord decoded = AvroWire.FLOW_RECORD.decode(singleObject(released, full));
        assertThat(decoded.getSrcBytes()).isEqualTo(5L);
        assertThat(decoded.getSrcAddr()).isEqualTo("192.0.2.7");
        assertThat(decoded.getSamplingRate()).isEqualTo(1L);
    }

    @Test
    void garbageIsAReadableErrorNotACrash() {
        assertThatThrownBy(() -> AvroWire.FLOW_RECORD.decode("hello, not avro".getBytes()))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("not Avro single-object encoding");
        byte[] truncated = java.util.Arrays.copyOf(AvroWire.FLOW_RECORD.encode(sample()), 14);
        assertThatThrownBy(() -> AvroWire.FLOW_RECORD.decode(truncated))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("corrupt FlowRecord");
        assertThatThrownBy(() -> AvroWire.FLOW_RECORD.decode(null))
                .isInstanceOf(WireFormatException.class);
    }

    private static byte[] singleObject(Schema schema, GenericData.Record rec) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xC3);
        out.write(0x01);
        long fp = SchemaNormalization.parsingFingerprint64(schema);
        for (int i = 0; i < 8; i++) out.write((int) (fp >>> (8 * i)) & 0xFF);
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericData.Record>(schema).write(rec, enc);
        enc.flush();
        return out.toByteArray();
    }
}
