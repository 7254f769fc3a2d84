package org.flowsentry.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.flowsentry.core.flow.FlowValidation;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.flow.TcpFlags;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Six hours of a working day with every attack at its own time: each must look like the real thing. */
class AttackScenarioTest {
    private static final long MINUTE = 60_000;

    private static final List<ScenarioSpec> SPECS = List.of(
            spec(ScenarioKind.VERTICAL_PORT_SCAN, 30, 1, 0.5),
            spec(ScenarioKind.HORIZONTAL_PORT_SCAN, 40, 5, 0.5),
            spec(ScenarioKind.SYN_FLOOD, 60, 1, 0.25),
            spec(ScenarioKind.SSH_BRUTE_FORCE, 70, 10, 1),
            spec(ScenarioKind.FTP_BRUTE_FORCE, 90, 5, 1),
            spec(ScenarioKind.SLOW_EXFILTRATION, 120, 120, 1),
            spec(ScenarioKind.DNS_TUNNELLING, 130, 10, 0.5),
            spec(ScenarioKind.C2_BEACONING, 180, 120, 1),
            spec(ScenarioKind.SLOWLORIS, 240, 10, 0.5));
    private static final GeneratorOptions OPTIONS = new GeneratorOptions(11,
            GeneratorOptions.DEFAULT_START_MS + 8 * 60 * MINUTE, Duration.ofHours(6), 300, 12, 20, SPECS);

    private static final Map<ScenarioKind, List<FlowRecord>> ATTACKS = new EnumMap<>(ScenarioKind.class);
    private static final Map<ScenarioKind, Long> BENIGN_IN_WINDOW = new EnumMap<>(ScenarioKind.class);
    private static List<ScenarioPlan> plan;
    private static long invalid;
    private static long benignDnsQueries;
    private static double benignDnsRequestBytes;

    private static ScenarioSpec spec(ScenarioKind kind, int startMinute, int minutes, double intensity) {
        return new ScenarioSpec(kind, Duration.ofMinutes(startMinute), Duration.ofMinutes(minutes), intensity);
    }

    @BeforeAll
    static void generate() {
        TrafficGenerator generator = new TrafficGenerator(OPTIONS);
        plan = generator.plan();
        Map<String, ScenarioKind> byLabel = new HashMap<>();
        for (ScenarioKind kind : ScenarioKind.values()) {
            byLabel.put(kind.label(), kind);
            ATTACKS.put(kind, new ArrayList<>());
            BENIGN_IN_WINDOW.put(kind, 0L);
        }
        for (FlowRecord r : generator) {
            if (FlowValidation.problem(r) != null) invalid++;
            if (Labels.isAttack(r.getLabel())) {
                ATTACKS.get(byLabel.get(r.getLabel())).add(r);
                continue;
            }
            for (ScenarioPlan p : plan) {
                if (r.getStartMs() >= p.startMs() && r.getStartMs() < p.endMs()) BENIGN_IN_WINDOW.merge(p.kind(), 1L, Long::sum);
            }
            if (r.getDstPort() != null && r.getDstPort() == 53 && r.getSrcAddr().startsWith("10.0.") && r.getDstPackets() > 0) {
                benignDnsQueries++;
                benignDnsRequestBytes += r.getSrcBytes();
            }
        }
    }

    private static List<FlowRecord> flows(ScenarioKind kind) {
        return ATTACKS.get(kind);
    }

    private static ScenarioPlan planOf(ScenarioKind kind) {
        return plan.stream().filter(p -> p.kind() == kind).findFirst().orElseThrow();
    }

    private static <T> Set<T> distinct(List<FlowRecord> flows, java.util.function.Function<FlowRecord, T> field) {
        return flows.stream().map(field).collect(Collectors.toSet());
    }

    private static double mean(List<FlowRecord> flows, ToDoubleFunction<FlowRecord> f) {
        return flows.stream().mapToDouble(f).average().orElseThrow();
    }

    /** Coefficient of variation: standard deviation over mean. */
    private static double cv(double[] values) {
        double mean = 0;
        for (double v : values) mean += v / values.length;
        double var = 0;
        for (double v : values) var += (v - mean) * (v - mean) / values.length;
        return Math.sqrt(var) / mean;
    }

    private static double[] gapsSeconds(List<FlowRecord> flows) {
        double[] gaps = new double[flows.size() - 1];
        for (int i = 1; i < flows.size(); i++) gaps[i - 1] = (flows.get(i).getStartMs() - flows.get(i - 1).getStartMs()) / 1000.0;
        return gaps;
    }

    private static boolean synOnlyProbe(FlowRecord r) {
        int flags = r.getTcpFlags();
        return r.getSrcPackets() <= 2 && r.getSrcBytes() <= 44 + 40
                && (flags & (TcpFlags.PSH | TcpFlags.FIN)) == 0 && (flags & TcpFlags.SYN) != 0;
    }

    @Test
    void everyScenarioAppearsWithItsLabelAndCategoryOnlyInsideItsWindow() {
        assertThat(invalid).isZero();
        assertThat(plan).hasSize(SPECS.size());
        for (ScenarioSpec spec : SPECS) {
            ScenarioPlan p = planOf(spec.kind());
            assertThat(p.startMs()).isEqualTo(OPTIONS.startMs() + spec.startOffset().toMillis());
            assertThat(p.endMs()).isEqualTo(OPTIONS.startMs() + spec.endOffset().toMillis());
            List<FlowRecord> flows = flows(spec.kind());
            assertThat(flows).as("%s", spec.kind()).isNotEmpty();
            assertThat(flows).allSatisfy(r -> {
                assertThat(r.getLabel()).isEqualTo(spec.kind().label());
                assertThat(r.getAttackCategory()).isEqualTo(spec.kind().category());
                assertThat(r.getStartMs()).isBetween(p.startMs(), p.endMs() - 1);
            });
            // The first event comes at the start of the window.
            assertThat(flows.get(0).getStartMs()).isEqualTo(p.startMs());
            // Benign traffic goes on meanwhile: the attack is interleaved, not a separate block.
            assertThat(BENIGN_IN_WINDOW.get(spec.kind())).as("%s", spec.kind()).isGreaterThan(100);
        }
        assertThat(ScenarioKind.values()).extracting(ScenarioKind::label).containsExactly("PortScan-Vertical",
                "PortScan-Horizontal", "SYN-Flood", "SSH-BruteForce", "FTP-BruteForce", "Exfiltration", "DNS-Tunnelling",
                "C2-Beaconing", "Slowloris");
        assertThat(ScenarioKind.values()).extracting(ScenarioKind::category).containsExactly("Reconnaissance",
                "Reconnaissance", "DoS", "BruteForce", "BruteForce", "Exfiltration", "CommandAndControl",
                "CommandAndControl", "DoS");
    }

    @Test
    void verticalScanProbesThousandsOfPortsOfOneHostWithSynOnlyFlows() {
        List<FlowRecord> flows = flows(ScenarioKind.VERTICAL_PORT_SCAN);
        ScenarioPlan p = planOf(ScenarioKind.VERTICAL_PORT_SCAN);
        assertThat(distinct(flows, FlowRecord::getSrcAddr)).containsExactly(p.source());
        assertThat(distinct(flows, FlowRecord::getDstAddr)).containsExactly("10.1.0.15");
        // 50 probes/s for a minute, each to a new port.
        assertThat(flows.size()).isBetween(2700, 3300);
        assertThat(distinct(flows, FlowRecord::getDstPort)).hasSize(flows.size());
        assertThat(flows).allMatch(AttackScenarioTest::synOnlyProbe);
        assertThat(flows.stream().filter(r -> r.getSrcPackets() == 1).count()).isGreaterThan(flows.size() * 99L / 100);
        Map<String, Long> states = flows.stream().collect(Collectors.groupingBy(FlowRecord::getState, Collectors.counting()));
        assertThat(states.keySet()).containsAnyOf("S0", "REJ").isSubsetOf("S0", "REJ", "RSTO");
        assertThat(states.get("REJ")).isGreaterThan(flows.size() / 2L);
        assertThat(flows).filteredOn(r -> r.getState().equals("REJ"))
                .allMatch(r -> r.getDstPackets() == 1 && TcpFlags.has(r.getTcpFlags(), TcpFlags.RST));
        // Milliseconds apart.
        assertThat(gapsSecondsMean(flows)).isLessThan(0.05);
    }

    private static double gapsSecondsMean(List<FlowRecord> flows) {
        double[] gaps = gapsSeconds(flows);
        double sum = 0;
        for (double g : gaps) sum += g;
        return sum / gaps.length;
    }

    @Test
    void horizontalScanSweepsManyHostsOnTheSamePorts() {
        List<FlowRecord> flows = flows(ScenarioKind.HORIZONTAL_PORT_SCAN);
        ScenarioPlan p = planOf(ScenarioKind.HORIZONTAL_PORT_SCAN);
        assertThat(distinct(flows, FlowRecord::getSrcAddr)).containsExactly(p.source());
        assertThat(p.source()).startsWith("10.0.");
        assertThat(distinct(flows, FlowRecord::getDstPort)).containsExactlyInAnyOrder(445, 3389);
        // 20 probes/s for 5 minutes, two ports per address: about 3000 addresses.
        Set<String> hosts = distinct(flows, FlowRecord::getDstAddr);
        assertThat(hosts.size()).isBetween(2500, 3500);
        assertThat(hosts).allMatch(h -> h.startsWith("10.0."));
        assertThat(flows).allMatch(AttackScenarioTest::synOnlyProbe);
        // Most swept addresses are unused: no answer.
        assertThat(flows.stream().filter(r -> r.getState().equals("S0")).count()).isGreaterThan(flows.size() * 9L / 10);
    }

    @Test
    void synFloodComesFromThousandsOfSourcesToOneVictimPort() {
        List<FlowRecord> flows = flows(ScenarioKind.SYN_FLOOD);
        assertThat(distinct(flows, FlowRecord::getDstAddr)).containsExactly("10.1.0.15");
        assertThat(distinct(flows, FlowRecord::getDstPort)).containsExactly(80);
        assertThat(distinct(flows, FlowRecord::getSrcAddr).size()).isGreaterThan(flows.size() * 99 / 100);
        assertThat(flows).allMatch(r -> r.getTcpFlags() == TcpFlags.SYN && r.getSrcPackets() == 1
                && r.getDstPackets() == 0 && r.getState().equals("S0"));
        // 200 SYN/s once ramped up (800/s at intensity 0.25): count the last 30 seconds.
        long end = planOf(ScenarioKind.SYN_FLOOD).endMs();
        long last30s = flows.stream().filter(r -> r.getStartMs() >= end - 30_000).count();
        assertThat(last30s / 30.0).isBetween(180.0, 220.0);
    }

    @Test
    void sshBruteForceIsManyShortSimilarSessionsSecondsApart() {
        List<FlowRecord> flows = flows(ScenarioKind.SSH_BRUTE_FORCE);
        ScenarioPlan p = planOf(ScenarioKind.SSH_BRUTE_FORCE);
        assertThat(distinct(flows, FlowRecord::getSrcAddr)).containsExactly(p.source());
        assertThat(distinct(flows, FlowRecord::getDstAddr)).containsExactly("10.1.0.16");
        assertThat(distinct(flows, FlowRecord::getDstPort)).containsExactly(22);
        // A connection about every 2 s for 10 minutes.
        assertThat(flows.size()).isBetween(250, 350);
        assertThat(gapsSecondsMean(flows)).isBetween(1.0, 4.0);
        assertThat(flows).allMatch(r -> r.getSrcBytes() > 2000 && r.getSrcBytes() < 5000
                && r.getDstBytes() > 2000 && r.getDstBytes() < 5000 && r.getDurationUs() < 10_000_000);
        assertThat(cv(flows.stream().mapToDouble(FlowRecord::getSrcBytes).toArray())).isLessThan(0.1);
    }

    @Test
    void ftpBruteForceIsManyShortSimilarSessionsOnPort21() {
        List<FlowRecord> flows = flows(ScenarioKind.FTP_BRUTE_FORCE);
        assertThat(distinct(flows, FlowRecord::getSrcAddr)).containsExactly(planOf(ScenarioKind.FTP_BRUTE_FORCE).source());
        assertThat(distinct(flows, FlowRecord::getDstAddr)).containsExactly("10.1.0.17");
        assertThat(distinct(flows, FlowRecord::getDstPort)).containsExactly(21);
        // About every 1.2 s for 5 minutes.
        assertThat(flows.size()).isBetween(200, 300);
        assertThat(flows).allMatch(r -> r.getSrcBytes() < 1000 && r.getDstBytes() < 1000 && r.getService().equals("ftp"));
        assertThat(cv(flows.stream().mapToDouble(FlowRecord::getSrcBytes).toArray())).isLessThan(0.2);
    }

    @Test
    void slowExfiltrationUploadsFarMoreThanItReceivesToOneHost() {
        List<FlowRecord> flows = flows(ScenarioKind.SLOW_EXFILTRATION);
        ScenarioPlan p = planOf(ScenarioKind.SLOW_EXFILTRATION);
        assertThat(distinct(flows, FlowRecord::getSrcAddr)).containsExactly(p.source());
        assertThat(p.source()).startsWith("10.0.");
        assertThat(distinct(flows, FlowRecord::getDstAddr)).containsExactly(p.target()).noneMatch(a -> a.startsWith("10."));
        // One upload every 5-11 minutes over 2 hours.
        assertThat(flows.size()).isBetween(11, 24);
        long up = flows.stream().mapToLong(FlowRecord::getSrcBytes).sum();
        long down = flows.stream().mapToLong(FlowRecord::getDstBytes).sum();
        assertThat((double) up / down).isGreaterThan(30);
        assertThat(flows).allMatch(r -> r.getSrcBytes() > 1_000_000 && r.getDstBytes() / r.getDstPackets() < 60);
    }

    @Test
    void dnsTunnelSendsLargeQueriesAtAHighRateThroughTheResolver() {
        List<FlowRecord> flows = flows(ScenarioKind.DNS_TUNNELLING);
        ScenarioPlan p = planOf(ScenarioKind.DNS_TUNNELLING);
        List<FlowRecord> queries = flows.stream().filter(r -> r.getSrcAddr().equals(p.source())).toList();
        List<FlowRecord> forwarded = flows.stream().filter(r -> !r.getSrcAddr().equals(p.source())).toList();
        assertThat(queries).allMatch(r -> r.getProtocol() == Protocols.UDP && r.getDstPort() == 53
                && r.getDstAddr().equals("10.1.0.10"));
        assertThat(distinct(forwarded, FlowRecord::getSrcAddr)).containsExactly("10.1.0.10");
        assertThat(distinct(forwarded, FlowRecord::getDstAddr)).hasSize(1);
        assertThat(forwarded).hasSameSizeAs(queries);
        // 4 queries/s for 10 minutes, each far bigger than a normal lookup.
        assertThat(queries.size() / 600.0).isBetween(3.6, 4.4);
        double benignMean = benignDnsRequestBytes / benignDnsQueries;
        assertThat(benignMean).isBetween(60.0, 100.0);
        assertThat(mean(queries, FlowRecord::getSrcBytes)).isGreaterThan(2.5 * benignMean);
        assertThat(mean(queries, FlowRecord::getDstBytes)).isGreaterThan(400);
    }

    @Test
    void c2BeaconsAtARegularIntervalWithSmallSimilarFlows() {
        List<FlowRecord> flows = flows(ScenarioKind.C2_BEACONING);
        ScenarioPlan p = planOf(ScenarioKind.C2_BEACONING);
        assertThat(distinct(flows, FlowRecord::getSrcAddr)).containsExactly(p.source());
        assertThat(distinct(flows, FlowRecord::getDstAddr)).containsExactly(p.target());
        // Every 60 s +-5% for 2 hours.
        assertThat(flows.size()).isBetween(118, 122);
        double[] gaps = gapsSeconds(flows);
        assertThat(gapsSecondsMean(flows)).isBetween(59.0, 61.0);
        assertThat(cv(gaps)).isLessThan(0.05);
        assertThat(flows.stream().filter(r -> r.getSrcBytes() < 2000 && r.getDstBytes() < 2500).count())
                .isGreaterThan(flows.size() * 9L / 10);
    }

    @Test
    void slowlorisHoldsManyLongLowByteConnectionsToTheWebServer() {
        List<FlowRecord> flows = flows(ScenarioKind.SLOWLORIS);
        ScenarioPlan p = planOf(ScenarioKind.SLOWLORIS);
        assertThat(distinct(flows, FlowRecord::getSrcAddr)).containsExactly(p.source());
        assertThat(distinct(flows, FlowRecord::getDstAddr)).containsExactly("10.1.0.15");
        assertThat(distinct(flows, FlowRecord::getDstPort)).containsExactly(80);
        double[] durations = flows.stream().mapToDouble(r -> r.getDurationUs() / 1e6).sorted().toArray();
        assertThat(durations[durations.length / 2]).isGreaterThan(60);
        assertThat(flows).allMatch(r -> r.getSrcBytes() + r.getDstBytes() < 5000);
        // The pool of 150 connections (300 at intensity 0.5) is held open: count those open mid-attack.
        long mid = (p.startMs() + p.endMs()) / 2;
        long open = flows.stream().filter(r -> r.getStartMs() <= mid && r.getEndMs() > mid).count();
        assertThat(open).isBetween(120L, 180L);
    }
}
