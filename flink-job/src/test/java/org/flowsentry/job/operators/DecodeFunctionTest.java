package org.flowsentry.job.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.flowsentry.core.ingest.own.FlowRecordFields;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.job.JobDescriptors;
import org.flowsentry.job.TestFlows;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.job.data.RawRecord;
import org.flowsentry.schema.DeadLetter;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // harnesses' close() declares InterruptedException
class DecodeFunctionTest {
    static final String GOFLOW2 = "{\"type\":\"IPFIX\",\"time_received_ns\":1711147640123456789,\"sequence_num\":4711,"
            + "\"sampling_rate\":0,\"sampler_address\":\"192.0.2.10\",\"time_flow_start_ns\":1711147630250000000,"
            + "\"time_flow_end_ns\":1711147636918162000,\"bytes\":1500,\"packets\":3,\"src_addr\":\"198.51.100.7\","
            + "\"dst_addr\":\"203.0.113.20\",\"etype\":\"IPv4\",\"proto\":\"TCP\",\"src_port\":51334,\"dst_port\":443,"
            + "\"tcp_flags\":27}";
    static final String PMACCT_MARKER = "{\"event_type\": \"purge_init\", \"writer_id\": \"default_print/6967\"}";
    static final String NSL_ROW = "37,tcp,telnet,SF,773,364200,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,1,1,0.00,0.00,0.00,0.00,1.00,"
            + "0.00,0.00,38,73,0.16,0.05,0.03,0.04,0.00,0.77,0.00,0.07,normal,14";

    private static OneInputStreamOperatorTestHarness<RawRecord, FlowEvent> harness(DecodeFunction fn) throws Exception {
        OneInputStreamOperatorTestHarness<RawRecord, FlowEvent> h = ProcessFunctionTestHarnesses.forProcessFunction(fn);
        h.setProcessingTime(42_000L);
        return h;
    }

    private static RawRecord raw(byte[] value, long offset) {
        return new RawRecord(value, "k".getBytes(StandardCharsets.UTF_8), TestFlows.TOPIC, 3, offset, TestFlows.T0 + offset);
    }

    private static RawRecord text(String value, long offset) {
        return raw(value.getBytes(StandardCharsets.UTF_8), offset);
    }

    private static List<DeadLetter> deadLetters(OneInputStreamOperatorTestHarness<RawRecord, FlowEvent> h) {
        var side = h.getSideOutput(JobDescriptors.DEAD_LETTERS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    private static byte[] bytes(DeadLetter d) {
        byte[] b = new byte[d.getRawData().remaining()];
        d.getRawData().duplicate().get(b);
        return b;
    }

    @Test
    void avroFlowsBecomeEventsWithTheirStartAsEventTimeAndTheirKafkaPosition() throws Exception {
        DecodeFunction fn = new DecodeFunction("avro", null, 1 << 20);
        try (var h = harness(fn)) {
            FlowRecord f = TestFlows.tcp("10.0.0.1", "10.1.0.2", 443, TestFlows.T0 + 5_000);
            h.processElement(raw(AvroWire.FLOW_RECORD.encode(f), 7), 1L);
            List<FlowEvent> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).flow).isEqualTo(f);
            assertThat(out.get(0).eventTimeMs).isEqualTo(TestFlows.T0 + 5_000);
            assertThat(out.get(0).topic).isEqualTo(TestFlows.TOPIC);
            assertThat(out.get(0).partition).isEqualTo(3);
            assertThat(out.get(0).offset).isEqualTo(7);
            assertThat(out.get(0).features).isNull();
            assertThat(deadLetters(h)).isEmpty();
            assertThat(fn.recordsIn()).isEqualTo(1);
            assertThat(fn.flowsIn()).isEqualTo(1);
            assertThat(fn.deadLetters()).isZero();
        }
    }

    @Test
    void aFlowWithoutItsOwnTimeTakesTheKafkaTimestamp() throws Exception {
        try (var h = harness(new DecodeFunction("avro", null, 1 << 20))) {
            FlowRecord f = TestFlows.tcp("10.0.0.1", "10.1.0.2", 443, 0);
            f.setStartMs(null);
            f.setEndMs(null);
            h.processElement(raw(AvroWire.FLOW_RECORD.encode(f), 9), 1L);
            assertThat(h.extractOutputValues().get(0).eventTimeMs).isEqualTo(TestFlows.T0 + 9);
        }
    }

    @Test
    void everyKindOfBadAvroInputIsADeadLetterWithItsReason() throws Exception {
        DecodeFunction fn = new DecodeFunction("avro", null, 300);
        try (var h = harness(fn)) {
            FlowRecord negative = TestFlows.tcp("10.0.0.1", "10.1.0.2", 443, TestFlows.T0);
            negative.setSrcBytes(-5L);
            FlowRecord badAddress = TestFlows.tcp("10.0.0.1", "10.1.0.2", 443, TestFlows.T0);
            badAddress.setSrcAddr("not-an-address");
            byte[] good = AvroWire.FLOW_RECORD.encode(TestFlows.tcp("10.0.0.1", "10.1.0.2", 443, TestFlows.T0));

            h.processElement(raw(null, 1), 1L);
            h.processElement(raw(new byte[301], 2), 1L);
            h.processElement(text("hello, this is not avro", 3), 1L);
            h.processElement(raw(Arrays.copyOf(good, 14), 4), 1L);
            h.processElement(raw(AvroWire.FLOW_RECORD.encode(negative), 5), 1L);
            h.processElement(raw(AvroWire.FLOW_RECORD.encode(badAddress), 6), 1L);

            assertThat(h.extractOutputValues()).isEmpty();
            List<DeadLetter> dead = deadLetters(h);
            assertThat(dead).extracting(DeadLetter::getErrorType)
                    .containsExactly("UNDECODABLE", "OVERSIZED", "UNDECODABLE", "UNDECODABLE", "INVALID", "INVALID");
            assertThat(dead).extracting(DeadLetter::getOffset).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(dead.get(0).getReason()).contains("null value");
            assertThat(dead.get(1).getReason()).contains("301 bytes").contains("limit of 300");
            assertThat(bytes(dead.get(1))).hasSize(300);
            assertThat(dead.get(2).getReason()).contains("not Avro single-object encoding");
            assertThat(dead.get(3).getReason()).contains("corrupt FlowRecord");
            assertThat(dead.get(4).getReason()).isEqualTo("negative srcBytes: -5");
            assertThat(dead.get(5).getReason()).contains("unparseable srcAddr");
            DeadLetter d = dead.get(4);
            assertThat(bytes(d)).isEqualTo(AvroWire.FLOW_RECORD.encode(negative));
            assertThat(d.getSource()).isEqualTo(TestFlows.TOPIC);
            assertThat(d.getPartition()).isEqualTo(3);
            assertThat(d.getSourceTimestampMs()).isEqualTo(TestFlows.T0 + 5);
            assertThat(d.getFormat()).isEqualTo("avro");
            assertThat(d.getFailedAtMs()).isEqualTo(42_000L);
            assertThat(d.getRawKey()).isNotNull();
            assertThat(fn.recordsIn()).isEqualTo(6);
            assertThat(fn.flowsIn()).isZero();
            assertThat(fn.deadLetters()).isEqualTo(6);
        }
    }

    @Test
    void jsonMessagesDecodeLineByLineAndEachBadLineIsItsOwnDeadLetter() throws Exception {
        DecodeFunction fn = new DecodeFunction("goflow2", null, 1 << 20);
        try (var h = harness(fn)) {
            String badBytes = GOFLOW2.replace("\"bytes\":1500", "\"bytes\":-1500");
            h.processElement(text(GOFLOW2 + "\n{not json\n[1,2]\r\n" + badBytes + "\n\n" + GOFLOW2.replace("51334", "51335"), 10), 1L);

            List<FlowEvent> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            assertThat(out).extracting(e -> e.flow.getSrcPort()).containsExactly(51334, 51335);
            assertThat(out.get(0).flow.getSrcAddr()).isEqualTo("198.51.100.7");
            assertThat(out.get(0).offset).isEqualTo(10);
            List<DeadLetter> dead = deadLetters(h);
            assertThat(dead).extracting(DeadLetter::getErrorType).containsExactly("UNDECODABLE", "UNDECODABLE", "INVALID");
            assertThat(dead.get(0).getReason()).startsWith("invalid JSON");
            assertThat(new String(bytes(dead.get(0)), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(dead.get(1).getReason()).isEqualTo("not a JSON object");
            assertThat(new String(bytes(dead.get(1)), StandardCharsets.UTF_8)).isEqualTo("[1,2]");
            assertThat(new String(bytes(dead.get(2)), StandardCharsets.UTF_8)).isEqualTo(badBytes);
            assertThat(dead).extracting(DeadLetter::getFormat).containsOnly("goflow2");
            assertThat(fn.recordsIn()).isEqualTo(1);
            assertThat(fn.flowsIn()).isEqualTo(2);
            assertThat(fn.deadLetters()).isEqualTo(3);
        }
    }

    @Test
    void exporterMarkersAreSkippedAndCountedNotDeadLettered() throws Exception {
        DecodeFunction fn = new DecodeFunction("pmacct", null, 1 << 20);
        try (var h = harness(fn)) {
            h.processElement(text(PMACCT_MARKER, 1), 1L);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(deadLetters(h)).isEmpty();
            assertThat(fn.skipped()).isEqualTo(1);
        }
    }

    @Test
    void headerlessCsvLinesUseTheFormatsFixedColumns() throws Exception {
        DecodeFunction fn = new DecodeFunction("csv:nsl-kdd", null, 1 << 20);
        try (var h = harness(fn)) {
            h.processElement(text(NSL_ROW, 1), 1L);
            h.processElement(text("37,tcp,telnet,SF,773", 2), 1L);
            h.processElement(text(NSL_ROW.replace("37,tcp,telnet,SF,773,", "37,tcp,telnet,SF,lots,"), 3), 1L);
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.extractOutputValues().get(0).flow.getSrcBytes()).isEqualTo(773);
            List<DeadLetter> dead = deadLetters(h);
            assertThat(dead).extracting(DeadLetter::getErrorType).containsExactly("UNDECODABLE", "INVALID");
            assertThat(dead.get(0).getReason()).isEqualTo("expected 43 fields, found 5");
            assertThat(dead.get(1).getReason()).isEqualTo("column 'src_bytes': not a number: 'lots'");
            assertThat(dead).extracting(DeadLetter::getFormat).containsOnly("csv:nsl-kdd");
        }
    }

    @Test
    void csvWithAHeaderRowNeedsItsColumnsAndSkipsTheHeaderLine() throws Exception {
        String header = String.join(",", FlowRecordFields.csvColumns());
        assertThatThrownBy(() -> new DecodeFunction("csv:flowsentry-csv", null, 1 << 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flowsentry.input.csv.columns");
        DecodeFunction fn = new DecodeFunction("csv:flowsentry-csv", header, 1 << 20);
        try (var h = harness(fn)) {
            FlowRecord f = TestFlows.tcp("10.0.0.1", "10.1.0.2", 22, TestFlows.T0);
            h.processElement(text(header + "\n" + String.join(",", FlowRecordFields.toCsv(f)), 1), 1L);
            assertThat(h.extractOutputValues()).extracting(e -> e.flow).containsExactly(f);
            assertThat(deadLetters(h)).isEmpty();
            assertThat(fn.skipped()).isEqualTo(1);
        }
    }

    @Test
    void randomBytesNeverFailTheOperator() throws Exception {
        Random random = new Random(7);
        for (String format : List.of("avro", "goflow2", "pmacct", "csv:nsl-kdd", "csv:unsw-nb15-raw")) {
            DecodeFunction fn = new DecodeFunction(format, null, 4096);
            try (var h = harness(fn)) {
                for (int i = 0; i < 300; i++) {
                    byte[] b = new byte[random.nextInt(200)];
                    random.nextBytes(b);
                    if (i % 3 == 0 && b.length > 2) { // mostly-text noise, which gets further into the parsers
                        for (int j = 0; j < b.length; j++) b[j] = (byte) ",{}\"0123456789.:abc-\n"
                                .charAt(Math.floorMod(b[j], 21));
                    }
                    h.processElement(raw(b, i), 1L);
                }
                assertThat(fn.recordsIn()).isEqualTo(300);
                assertThat(fn.flowsIn() + fn.deadLetters() + fn.skipped()).isGreaterThanOrEqualTo(1);
                assertThat(fn.flowsIn()).isEqualTo(h.extractOutputValues().size());
                assertThat(fn.deadLetters()).isEqualTo(deadLetters(h).size());
            }
        }
    }
}
