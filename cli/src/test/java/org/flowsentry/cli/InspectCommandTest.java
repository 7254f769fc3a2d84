package org.flowsentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowsentry.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** `flowsentry inspect` on every real dataset file: the numbers in ../shared/data/README.md. */
class InspectCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exitCode, List<JsonNode> objects, String stderr) {}

    static Run run(String... args) throws Exception {
        CliRun run = CliRun.run(args);
        List<JsonNode> objects = new ArrayList<>();
        for (String line : run.out().split("\n")) {
            if (!line.isBlank()) objects.add(JSON.readTree(line));
        }
        return new Run(run.exitCode(), objects, run.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "nsl-kdd/KDDTrain+_20Percent.txt, nsl-kdd, 25192, BENIGN, 13449",
            "nsl-kdd/KDDTest+.txt, nsl-kdd, 22544, BENIGN, 9711",
            "unsw-nb15/UNSW_NB15_training-set.csv, unsw-nb15, 82332, BENIGN, 37000",
            "cic-ids2017/Thursday-WebAttacks_balanced_subset.csv, cicflowmeter, 7267, BENIGN, 5087",
            "ctu-argus/test11-portscan.binetflow, argus, 66, (none), 66",
            "ctu-argus/test2-malicious.binetflow, argus, 6751, (none), 6751",
            "ctu-argus/test3-mixed.binetflow, argus, 89, (none), 89",
            "ctu-argus/test4-malicious.binetflow, argus, 394, (none), 394",
            "ctu-argus/test5-mixed.binetflow, argus, 300, Malware-UDP-DNS, 197",
            "pcap/malicious-ssh-bruteforce.pcap, pcap, 67, (none), 67",
            "pcap/test12-icmp-portscan.pcap, pcap, 18, (none), 18"})
    void reportsFormatFlowsAndLabelsOfEveryRealFile(String file, String format, long flows, String label, long count) throws Exception {
        Path path = SharedData.file(file);
        Run run = run("inspect", "--json", path.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode o = run.objects().get(0);
        assertThat(o.get("format").asText()).isEqualTo(format);
        assertThat(o.get("flows").asLong()).isEqualTo(flows);
        assertThat(o.get("malformed").asLong()).isZero();
        assertThat(o.get("labels").get(label).asLong()).isEqualTo(count);
        long sum = 0;
        for (JsonNode n : o.get("labels")) sum += n.asLong();
        assertThat(sum).isEqualTo(flows);
    }

    @Test
    void theCicSubsetHasItsFourLabels() throws Exception {
        Run run = run("inspect", "--json", SharedData.file("cic-ids2017/Thursday-WebAttacks_balanced_subset.csv").toString());
        Map<String, Long> labels = JSON.convertValue(run.objects().get(0).get("labels"),
                JSON.getTypeFactory().constructMapType(Map.class, String.class, Long.class));
        assertThat(labels).containsExactlyInAnyOrderEntriesOf(Map.of("BENIGN", 5087L, "Web Attack - Brute Force", 1507L,
                "Web Attack - XSS", 652L, "Web Attack - Sql Injection", 21L));
    }

    @Test
    void aFileLevelLabelMarksFlowsThatHaveNone() throws Exception {
        Run run = run("inspect", "--json", "--label", "SSH-BruteForce", SharedData.file("pcap/malicious-ssh-bruteforce.pcap").toString());
        assertThat(run.objects().get(0).get("labels").get("SSH-BruteForce").asLong()).isEqualTo(67);
    }

    @Test
    void malformedRowsAreCountedWithLineAndReasonAndAnUnreadableFileDoesNotStopTheOthers(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"srcBytes\":1,\"dstBytes\":2,\"protocol\":6}\n{\"srcBytes\":-1,\"dstBytes\":2,\"protocol\":6}\n");
        Path unknown = dir.resolve("unknown.txt");
        Files.writeString(unknown, "what is this\n");
        Run run = run("inspect", "--json", unknown.toString(), bad.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.objects().get(0).get("error").asText()).contains("unknown flow format");
        JsonNode o = run.objects().get(1);
        assertThat(o.get("flows").asLong()).isEqualTo(1);
        assertThat(o.get("malformed").asLong()).isEqualTo(1);
        assertThat(o.get("malformed_examples").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(o.get("malformed_examples").get(0).get("reason").asText()).isEqualTo("negative srcBytes: -1");
    }

    @Test
    void maxErrorsStopsAReadWithAClearMessage(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "x\ny\nz\n");
        Run run = run("inspect", "--format", "flowsentry-json", "--max-errors", "1", bad.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("more than 1 malformed rows");
    }
}
