package org.flowsentry.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowsentry.core.flow.Addresses;
import org.flowsentry.core.flow.FlowValidation;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.flow.TcpFlags;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {
    private static final long HOUR = 3_600_000L;

    /** An hour from 09:00 on a Monday with every attack, at moderate intensity so the test stays fast. */
    static GeneratorOptions busyMorning(long seed) {
        Duration run = Duration.ofHours(1);
        List<ScenarioSpec> specs = ScenarioSpec.spread(run, List.of(ScenarioKind.values())).stream()
                .map(s -> new ScenarioSpec(s.kind(), s.startOffset(), s.duration(), 0.2)).toList();
        return new GeneratorOptions(seed, GeneratorOptions.DEFAULT_START_MS + 9 * HOUR, run, 150, 12, 20, specs);
    }

    /** Benign flows per hour over a Monday, at 10 flows/s at the peak. */
    private static final double PEAK = 10;
    private static final GeneratorOptions MONDAY = GeneratorOptions.defaults().withScenarios(List.of())
            .withPeakFlowsPerSecond(PEAK);
    private static long[] hourly;
    private static long backups;
    private static long backupsWithAckOnlyReturn;

    @BeforeAll
    static void generateAMonday() {
        hourly = new long[24];
        for (FlowRecord r : new TrafficGenerator(MONDAY)) {
            hourly[(int) ((r.getStartMs() - MONDAY.startMs()) / HOUR)]++;
            if (r.getDstPort() != null && r.getDstPort() == 873) {
                backups++;
                // Gigabytes forward in full-size segments, pure ACKs (and a few checksums) back.
                if (r.getSrcBytes() / r.getSrcPackets() > 1400 && r.getDstBytes() / r.getDstPackets() < 60
                        && r.getSrcBytes() > 50 * r.getDstBytes()) {
                    backupsWithAckOnlyReturn++;
                }
            }
        }
    }

    @Test
    void sameSeedGivesTheSameFlows() {
        GeneratorOptions options = busyMorning(42);
        Iterator<FlowRecord> a = new TrafficGenerator(options).iterator();
        TrafficGenerator second = new TrafficGenerator(options);
        Iterator<FlowRecord> b = second.iterator();
        long n = 0;
        while (a.hasNext()) {
            if (!b.hasNext()) throw new AssertionError("second pass ended after " + n + " flows");
            FlowRecord x = a.next();
            FlowRecord y = b.next();
            if (!x.equals(y)) throw new AssertionError("flow " + n + " differs:\n" + x + "\n" + y);
            n++;
        }
        assertThat(b.hasNext()).isFalse();
        assertThat(n).isGreaterThan(50_000);
        // A second pass of the same generator starts again from the first flow.
        assertThat(second.stream().limit(1000).toList()).isEqualTo(new TrafficGenerator(options).stream().limit(1000).toList());
    }

    @Test
    void differentSeedsGiveDifferentFlowsAndAttackers() {
        List<FlowRecord> a = new TrafficGenerator(busyMorning(1)).stream().limit(2000).toList();
        List<FlowRecord> b = new TrafficGenerator(busyMorning(2)).stream().limit(2000).toList();
        long same = 0;
        for (int i = 0; i < a.size(); i++) if (a.get(i).equals(b.get(i))) same++;
        assertThat(same).isZero();
        assertThat(new TrafficGenerator(busyMorning(1)).plan().get(0).source())
                .isNotEqualTo(new TrafficGenerator(busyMorning(2)).plan().get(0).source());
    }

    @Test
    void attacksDoNotChangeTheBenignBackground() {
        GeneratorOptions with = busyMorning(5).withDuration(Duration.ofMinutes(30));
        Iterator<FlowRecord> plain = new TrafficGenerator(with.withScenarios(List.of())).iterator();
        long benign = 0;
        long attacks = 0;
        for (FlowRecord r : new TrafficGenerator(with)) {
            if (Labels.isAttack(r.getLabel())) {
                attacks++;
                continue;
            }
            assertThat(r).isEqualTo(plain.next());
            benign++;
        }
        assertThat(plain.hasNext()).isFalse();
        assertThat(benign).isGreaterThan(20_000);
        assertThat(attacks).isGreaterThan(500);
    }

    @Test
    void flowsComeInStartOrderInsideTheRunAndAreValid() {
        GeneratorOptions options = busyMorning(3);
        long previous = Long.MIN_VALUE;
        long n = 0;
        // Plain checks rather than AssertJ per flow: hundreds of thousands of flows.
        for (FlowRecord r : new TrafficGenerator(options)) {
            n++;
            check(FlowValidation.problem(r) == null, r, "invalid: " + FlowValidation.problem(r));
            long start = r.getStartMs();
            check(start >= previous, r, "before the previous flow " + previous);
            check(start >= options.startMs() && start < options.endMs(), r, "outside the run");
            previous = start;
            check(r.getEndMs() - start == r.getDurationUs() / 1000, r, "endMs does not match durationUs");
            check(Addresses.isIpv4(r.getSrcAddr()) && Addresses.isIpv4(r.getDstAddr()), r, "not IPv4");
            check(!r.getSrcAddr().equals(r.getDstAddr()), r, "a host talking to itself");
            check(r.getLabel() != null && (r.getAttackCategory() == null) == Labels.isBenign(r.getLabel()), r, "ground truth");
            check("flowsentry-generator".equals(r.getExporter()), r, "exporter");
            if (Protocols.hasPorts(r.getProtocol())) {
                check(r.getSrcPort() >= 1 && r.getSrcPort() <= 65535 && r.getDstPort() >= 1 && r.getDstPort() <= 65535, r, "ports");
            } else {
                check(r.getProtocol() == Protocols.ICMP && r.getSrcPort() == null && r.getIcmpType() == 8, r, "ICMP echo");
            }
            check((r.getTcpFlags() != null) == (r.getProtocol() == Protocols.TCP), r, "TCP flags only for TCP");
            check(r.getSrcPackets() > 0, r, "no forward packet");
            checkPackets(r, r.getSrcPackets(), r.getSrcBytes());
            checkPackets(r, r.getDstPackets(), r.getDstBytes());
        }
        assertThat(n).isGreaterThan(50_000);
    }

    private static void check(boolean ok, FlowRecord r, String problem) {
        if (!ok) throw new AssertionError(problem + ": " + r);
    }

    private static void checkPackets(FlowRecord r, long packets, long bytes) {
        // At least an IP+UDP header each, at most one Ethernet MTU each; no bytes without packets.
        check(packets == 0 ? bytes == 0 : bytes >= 28 * packets && bytes <= 1500 * packets, r, "bytes per packet");
    }

    @Test
    void benignTrafficLooksLikeAnOfficeNetwork() {
        Map<Integer, Long> tcpPorts = new HashMap<>();
        Set<String> resolvers = new HashSet<>();
        Map<String, Long> states = new HashMap<>();
        long benign = 0;
        long clientTcp = 0;
        long clientTcpEphemeral = 0;
        long completed = 0;
        for (FlowRecord r : new TrafficGenerator(busyMorning(4).withScenarios(List.of()))) {
            benign++;
            assertThat(r.getLabel()).isEqualTo(Labels.BENIGN);
            states.merge(r.getState(), 1L, Long::sum);
            if (r.getProtocol() == Protocols.TCP) {
                tcpPorts.merge(r.getDstPort(), 1L, Long::sum);
                if (r.getSrcAddr().startsWith("10.0.")) {
                    clientTcp++;
                    if (r.getSrcPort() >= 49152) clientTcpEphemeral++;
                }
                if (r.getState().equals("SF")) {
                    completed++;
                    assertThat(r.getTcpFlags()).isEqualTo(TcpFlags.SYN | TcpFlags.ACK | TcpFlags.PSH | TcpFlags.FIN);
                }
            }
            if (r.getProtocol() == Protocols.UDP && r.getDstPort() == 53 && r.getSrcAddr().startsWith("10.0.")) {
                resolvers.add(r.getDstAddr());
            }
        }
        // HTTPS is the most common service, by far.
        long https = tcpPorts.get(443);
        assertThat(tcpPorts.values()).allMatch(c -> c <= https);
        assertThat(https).isGreaterThan(benign / 3);
        // Clients ask the two internal resolvers, and use Windows' ephemeral ports.
        assertThat(resolvers).containsExactlyInAnyOrder("10.1.0.10", "10.1.0.11");
        assertThat(clientTcpEphemeral).isEqualTo(clientTcp);
        assertThat(completed).isGreaterThan(benign / 2);
        // Benign is not clean: failed connections, refused ports, resets and unanswered DNS, each rare.
        for (String odd : List.of("S0", "REJ", "RSTO", "RSTR", "INT")) {
            assertThat(states.getOrDefault(odd, 0L)).as(odd).isBetween(benign / 1000, benign / 10);
        }
    }

    @Test
    void benignRatePeaksInOfficeHoursAndIsLowAtNight() {
        // The option's peak holds within 15% (the monitoring server's checks come on top).
        assertThat(hourly[10] / 3600.0).isBetween(PEAK * 0.85, PEAK * 1.15);
        assertThat(hourly[10]).isGreaterThan(6 * hourly[3]);
        assertThat(hourly[12]).as("lunch dip").isLessThan(hourly[11]).isLessThan(hourly[14]);
        assertThat(hourly[8]).isBetween(hourly[3], hourly[10]);
        assertThat(hourly[19]).isBetween(hourly[3], hourly[16]);
    }

    @Test
    void benignRateIsLowOnWeekends() {
        // Saturday 10:00-11:00 against Monday's same hour.
        GeneratorOptions saturday = MONDAY.withStartMs(MONDAY.startMs() + 5 * 24 * HOUR + 10 * HOUR)
                .withDuration(Duration.ofHours(1));
        long flows = new TrafficGenerator(saturday).stream().count();
        assertThat(flows).isLessThan(hourly[10] / 3).isGreaterThan(hourly[3] / 2);
    }

    @Test
    void everyServerIsBackedUpAtNightWithAckOnlyReturnTraffic() {
        // 11 servers: all but the backup server itself.
        assertThat(backups).isEqualTo(11);
        assertThat(backupsWithAckOnlyReturn).isEqualTo(backups);
    }

    @Test
    void longRunsNeedOnlyASmallQueue() {
        // Two million flows of a busy site, counted and dropped: the merge queue stays small.
        GeneratorOptions busy = GeneratorOptions.defaults().withPeakFlowsPerSecond(2_000).withStartMs(
                GeneratorOptions.DEFAULT_START_MS + 8 * HOUR);
        TrafficGenerator.Merge it = (TrafficGenerator.Merge) new TrafficGenerator(busy).iterator();
        long n = 0;
        long bytes = 0;
        while (n < 2_000_000 && it.hasNext()) {
            bytes += it.next().getSrcBytes();
            n++;
            if (n == 100_000) assertThat(it.maxPending()).isLessThan(2_000);
        }
        assertThat(n).isEqualTo(2_000_000);
        assertThat(bytes).isPositive();
        assertThat(it.maxPending()).isLessThan(2_000);
    }
}
