package org.flowsentry.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.flowsentry.core.flow.FlowRecords;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.DetectorVerdict;
import org.flowsentry.schema.FeatureContribution;
import org.flowsentry.schema.FlowRecord;
import org.flowsentry.schema.Severity;
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

    private static Alert alert(String id, int detectors, String explanation) {
        List<DetectorVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < detectors; i++) verdicts.add(new DetectorVerdict("detector_" + i, i / 10.0, -i * 1e300, Double.NaN, i % 2 == 0));
        return Alert.newBuilder()
                .setAlertId(id).setFlowStartMs(-1L).setFlowEndMs(null).setDetectedAtMs(Long.MAX_VALUE)
                .setSrcAddr("2001:db8::7").setSrcPort(null).setDstAddr(null).setDstPort(65535).setProtocol(17)
                .setBytes(0).setPackets(Long.MIN_VALUE).setExporter("é-exporter").setFlagged(detectors > 2)
                .setScore(Double.POSITIVE_INFINITY).setConfidence(0.5).setSeverity(Severity.MEDIUM).setVotes(detectors)
                .setDetectors(verdicts)
                .setTopFeatures(List.of(new FeatureContribution("a", 1.0, -0.0, 2.0), new FeatureContribution("b", Double.NaN, 3.0, 3.0)))
                .setExplanation(explanation).setModelId("m").setModelVersion(3L).setLabel(null).setAttackCategory("DoS")
                .build();
    }

    @Test
    void aWriterWritesTheSameBytesAsEncode() {
        AvroWire<Alert>.Writer alerts = AvroWire.ALERT.newWriter();
        List<Alert> samples = List.of(alert("a", 0, ""), alert("b", 5, "3 of 5 detectors"),
                alert("c", 40, "x".repeat(700)), // longer than the encoder's bulk limit (512 bytes)
                alert("d", 3, "ü".repeat(5000)), // longer than its buffer (2 KiB) and the writer's first buffer
                alert("e", 1, "short again")); // after a large record: the buffer is reused from the start
        for (Alert a : samples) {
            byte[] bytes = alerts.encode(a);
            assertThat(bytes).isEqualTo(AvroWire.ALERT.encode(a));
            assertThat(alerts.encode(a)).isEqualTo(bytes).isNotSameAs(bytes); // a fresh array each time: sinks keep them
        }
        AvroWire<FlowRecord>.Writer flows = AvroWire.FLOW_RECORD.newWriter();
        FlowRecord blank = FlowRecords.blank();
        assertThat(flows.encode(sample())).isEqualTo(AvroWire.FLOW_RECORD.encode(sample()));
        assertThat(flows.encode(blank)).isEqualTo(AvroWire.FLOW_RECORD.encode(blank));
    }

    @Test
    void aWriterRecoversFromARecordItCannotEncode() {
        AvroWire<Alert>.Writer alerts = AvroWire.ALERT.newWriter();
        Alert broken = alert("a", 4, "fine");
        broken.setModelId(null); // not nullable: fails after the fields before it were written
        assertThatThrownBy(() -> alerts.encode(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot encode Alert");
        Alert good = alert("b", 2, "after the failure");
        assertThat(alerts.encode(good)).isEqualTo(AvroWire.ALERT.encode(good));
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
