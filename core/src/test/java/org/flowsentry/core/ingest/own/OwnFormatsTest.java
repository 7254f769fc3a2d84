package org.flowsentry.core.ingest.own;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowsentry.core.flow.FlowRecords;
import org.flowsentry.core.ingest.FlowFiles;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.output.FlowFileFormat;
import org.flowsentry.core.output.FlowWriter;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class OwnFormatsTest {
    @TempDir
    Path dir;

    private static List<FlowRecord> flows() {
        FlowRecord a = FlowRecords.blank();
        a.setStartMs(1_767_571_200_000L);
        a.setEndMs(1_767_571_200_250L);
        a.setDurationUs(250_000L);
        a.setSrcAddr("10.0.3.4");
        a.setDstAddr("10.0.0.53");
        a.setSrcPort(53211);
        a.setDstPort(53);
        a.setProtocol(17);
        a.setSrcPackets(1L);
        a.setDstPackets(1L);
        a.setSrcBytes(74L);
        a.setDstBytes(190L);
        a.setState("CON");
        a.setService("dns, \"quoted\"");
        a.setLabel("BENIGN");
        FlowRecord b = FlowRecords.blank(); // mostly nulls: a dataset without addresses or times
        b.setProtocol(6);
        b.setSrcBytes(0L);
        b.setTcpFlags(2);
        b.setLabel("PortScan-Vertical");
        b.setAttackCategory("Reconnaissance");
        b.setFeatures(Map.of("count", 229.0));
        return List.of(a, b);
    }

    @ParameterizedTest
    @EnumSource(FlowFileFormat.class)
    void writtenFlowsAreDetectedAndReadBackUnchanged(FlowFileFormat format) throws IOException {
        Path file = dir.resolve("flows." + format.name().toLowerCase());
        try (FlowWriter w = format.open(file)) {
            for (FlowRecord f : flows()) w.write(f);
        }
        assertThat(FlowFiles.detect(file)).isSameAs(format.readFormat());
        List<FlowRecord> back = readAll(file);
        List<FlowRecord> expected = flows();
        if (format == FlowFileFormat.CSV) expected.forEach(f -> f.setFeatures(null)); // CSV has no features columns
        assertThat(back).isEqualTo(expected);
    }

    @Test
    void gzippedOutputIsReadTransparently() throws IOException {
        Path file = dir.resolve("flows.json.gz");
        try (FlowWriter w = FlowFileFormat.fromFileName(file.toString()).open(file)) {
            for (FlowRecord f : flows()) w.write(f);
        }
        assertThat(readAll(file)).isEqualTo(flows());
    }

    @Test
    void badJsonLinesAreReportedWithLineAndReasonAndTheRestIsRead() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, String.join("\n",
                "{\"srcBytes\":1,\"dstBytes\":2,\"protocol\":6}",
                "{\"srcBytes\":\"lots\",\"dstBytes\":2,\"protocol\":6}",
                "{\"srcBytes\":-5,\"dstBytes\":2,\"protocol\":6}",
                "not json",
                "{\"srcBytes\":1,\"dstBytes\":2,\"protocol\":6,\"srcAddr\":\"10.0.0.300\"}",
                "{\"srcBytes\":1,\"dstBytes\":2,\"protcol\":6}",
                "{\"srcBytes\":3,\"dstBytes\":4,\"protocol\":17}"), StandardCharsets.UTF_8);
        ReadErrors errors = ReadErrors.unlimited();
        List<FlowRecord> read = new ArrayList<>();
        try (FlowReader r = FlowFiles.open(file, null, errors)) {
            r.forEachRemaining(read::add);
        }
        assertThat(read).extracting(FlowRecord::getSrcBytes).containsExactly(1L, 3L);
        assertThat(errors.count()).isEqualTo(5);
        assertThat(errors.examples()).extracting(ReadErrors.Malformed::line).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(errors.examples().get(0).reason()).isEqualTo("srcBytes: expected long, found string \"lots\"");
        assertThat(errors.examples().get(1).reason()).isEqualTo("negative srcBytes: -5");
        assertThat(errors.examples().get(2).reason()).startsWith("invalid JSON");
        assertThat(errors.examples().get(3).reason()).isEqualTo("unparseable srcAddr: '10.0.0.300'");
        assertThat(errors.examples().get(4).reason()).isEqualTo("unknown field 'protcol'");
    }

    @Test
    void csvRowsWithTheWrongFieldCountAreReported() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "protocol,srcBytes,dstBytes\n6,1,2\n6,1\n17,x,2\n6,5,6\n");
        ReadErrors errors = ReadErrors.unlimited();
        List<FlowRecord> read = new ArrayList<>();
        try (FlowReader r = FlowFiles.open(file, null, errors)) {
            r.forEachRemaining(read::add);
        }
        assertThat(read).extracting(FlowRecord::getSrcBytes).containsExactly(1L, 5L);
        assertThat(errors.examples()).extracting(Object::toString).containsExactly(
                file + ":3: expected 3 fields, found 2",
                file + ":4: srcBytes: not a long: 'x'");
    }

    private static List<FlowRecord> readAll(Path file) throws IOException {
        ReadErrors errors = ReadErrors.unlimited();
        List<FlowRecord> out = new ArrayList<>();
        try (FlowReader r = FlowFiles.open(file, null, errors)) {
            r.forEachRemaining(out::add);
        }
        assertThat(errors.count()).as("malformed: %s", errors.examples()).isZero();
        return out;
    }
}
