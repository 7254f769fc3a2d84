package org.flowsentry.core.ingest.exporters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flowsentry.core.flow.FlowRecords;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.flow.TcpFlags;
import org.flowsentry.core.ingest.FlowFiles;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.testing.Programs;
import org.flowsentry.core.testing.SharedData;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real exporter: pmacctd (Debian package "pmacct") reads the shared captures and writes JSON with
 * the print plugin, markers on, purges appended; the files are then detected and read like any input. Skipped when
 * pmacctd is not installed or the data folder is absent.
 */
class PmacctdRealOutputIT {
    private static final String COMMON = """
            daemonize: false
            pcap_savefile_wait: false
            plugins: print
            print_output: json
            print_markers: true
            print_refresh_time: 60
            print_output_file_append: true
            timestamps_utc: true
            """;

    @TempDir
    Path dir;

    @Test
    void sshCaptureGivesOneRecordPerPacketWithMarkersSkipped() throws Exception {
        Path pcap = SharedData.file("pcap/malicious-ssh-bruteforce.pcap");
        String aggregate = "aggregate: src_host, dst_host, src_port, dst_port, proto, tcpflags, timestamp_start, timestamp_end\n";

        Read rfc3339 = run(pcap, "rfc3339", aggregate + "timestamps_rfc3339: true\n");
        Read epoch = run(pcap, "epoch", aggregate.replace("timestamp_end", "timestamp_end, tos, flows")
                + "timestamps_since_epoch: true\nprint_history: 5m\n");

        for (Read read : List.of(rfc3339, epoch)) {
            // timestamp_start is part of pmacctd's key, so every one of the 1,178 packets is its own record.
            assertThat(read.flows()).hasSize(1178);
            assertThat(read.errors().count()).isZero();
            assertOnlyPurgeMarkersSkipped(read);
            assertThat(read.flows()).allSatisfy(f -> {
                assertThat(f.getProtocol()).isEqualTo(Protocols.TCP);
                assertThat(f.getSrcPackets()).isEqualTo(1L);
                assertThat(f.getDurationUs()).isZero();
                assertThat(f.getStartMs()).isBetween(1774219636918L, 1774219636918L + 3_600_000L);
            });
            assertThat(read.flows().stream().mapToLong(FlowRecords::totalPackets).sum()).isEqualTo(1178L);
        }
        assertThat(startTimes(epoch)).as("both timestamp forms give the same event times")
                .isEqualTo(startTimes(rfc3339));
        assertThat(rfc3339.flows()).allSatisfy(f -> assertThat(f.getFeatures()).isNull());
        assertThat(epoch.flows()).allSatisfy(f -> assertThat(f.getFeatures()).containsOnlyKeys("ip_tos", "flows"));
        // 67 connection attempts (SYN), each starting a flow in both directions.
        assertThat(rfc3339.flows().stream().filter(f -> f.getTcpFlags() == TcpFlags.SYN).count()).isEqualTo(67L);
        assertThat(epoch.flows().stream().mapToDouble(f -> f.getFeatures().get("flows")).sum()).isEqualTo(134.0);
        assertThat(rfc3339.flows().stream().mapToLong(FlowRecords::totalBytes).sum())
                .isEqualTo(epoch.flows().stream().mapToLong(FlowRecords::totalBytes).sum());
    }

    @Test
    void icmpScanWithL2AndArrivalTimes() throws Exception {
        Path pcap = SharedData.file("pcap/test12-icmp-portscan.pcap");

        Read read = run(pcap, "icmp", "aggregate: src_host, dst_host, src_port, dst_port, proto, tcpflags, tos, "
                + "src_mac, dst_mac, etype, timestamp_start, timestamp_end, timestamp_arrival\n");

        assertThat(read.flows()).hasSize(37);
        assertThat(read.errors().count()).isZero();
        assertOnlyPurgeMarkersSkipped(read);
        assertThat(read.flows()).allSatisfy(f -> {
            assertThat(f.getProtocol()).isEqualTo(Protocols.ICMP);
            assertThat(f.getSrcPort()).isNull();
            assertThat(f.getFeatures()).isEqualTo(Map.of("ip_tos", 0.0));
        });
        assertThat(read.flows().stream().mapToLong(FlowRecords::totalPackets).sum()).isEqualTo(37L);
        assertThat(read.flows().stream().filter(f -> f.getSrcAddr().equals("192.168.1.109")).count()).isEqualTo(25L);
    }

    private record Read(List<FlowRecord> flows, ReadErrors errors) {}

    /**
     * The print plugin purges its cache at the end and at each print_refresh_time boundary of the
     * wall clock (a slow run crosses one now and then); every purge is framed by two markers, and
     * appending keeps all purges in the file.
     */
    private static void assertOnlyPurgeMarkersSkipped(Read read) {
        Map<String, Long> skipped = read.errors().skippedByKind();
        assertThat(skipped).containsOnlyKeys("pmacct purge_init", "pmacct purge_close");
        assertThat(skipped.get("pmacct purge_init")).isPositive().isEqualTo(skipped.get("pmacct purge_close"));
    }

    private Read run(Path pcap, String name, String extraConfig) throws Exception {
        Path pmacctd = Programs.require("pmacctd", "pmacct");
        Path out = dir.resolve(name + ".json");
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, COMMON + "pcap_savefile: " + pcap + "\nprint_output_file: " + out + "\n" + extraConfig);
        Process p = new ProcessBuilder(pmacctd.toString(), "-f", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("pmacctd did not finish within 60 s; log: " + Files.readString(dir.resolve(name + ".log")));
        }
        assertThat(p.exitValue()).as("pmacctd exit; log: %s", Files.readString(dir.resolve(name + ".log"))).isZero();

        assertThat(FlowFiles.detect(out)).isSameAs(PmacctFormat.INSTANCE);
        ReadErrors errors = ReadErrors.unlimited();
        List<FlowRecord> flows = new ArrayList<>();
        try (FlowReader reader = FlowFiles.open(out, null, errors)) {
            reader.forEachRemaining(flows::add);
        }
        return new Read(flows, errors);
    }

    private static List<Long> startTimes(Read read) {
        return read.flows().stream().map(FlowRecord::getStartMs).sorted().toList();
    }
}
