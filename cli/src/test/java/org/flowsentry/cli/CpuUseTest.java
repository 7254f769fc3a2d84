package org.flowsentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** CPU per flow from two snapshots, and thread names grouped as the benchmark reports them. */
class CpuUseTest {
    @Test
    void threadsAreGroupedByTaskOrPoolName() {
        assertThat(CpuUse.group("score flows -> (alerts: Writer -> alerts: Committer) (1/1)#0")).isEqualTo("score flows -> (alerts: Writer -> alerts: Committer)");
        assertThat(CpuUse.group("source-host and pair features (2/4)#3")).isEqualTo("source-host and pair features");
        assertThat(CpuUse.group("kafka-producer-network-thread | producer-5")).isEqualTo("kafka-producer-network-thread | producer");
        assertThat(CpuUse.group("flink-pekko.actor.default-dispatcher-12")).isEqualTo("flink-pekko.actor.default-dispatcher");
        assertThat(CpuUse.group("main")).isEqualTo("main");
    }

    @Test
    void perFlowIsTheDifferenceOverTheFlowsLargestThreadFirst() {
        CpuUse.Snapshot from = new CpuUse.Snapshot(1_000_000_000L, 500_000_000L, Map.of("score flows", 100_000_000L, "decode", 50_000_000L));
        CpuUse.Snapshot to = new CpuUse.Snapshot(3_000_000_000L, 700_000_000L,
                Map.of("score flows", 1_100_000_000L, "decode", 250_000_000L, "new thread", 300_000_000L, "idle", 50_000_000L));
        CpuUse.PerFlow p = CpuUse.perFlow(from, to, 100_000);
        assertThat(p.jvmMicros()).isEqualTo(20.0);   // 2 s of CPU over 100,000 flows
        assertThat(p.brokerMicros()).isEqualTo(2.0);
        // A thread born in between counts from zero; below 0.1 µs per flow is left out (idle: 0.5 µs stays).
        // The 0.45 s the listed threads did not use is the JVM's own threads' (collector, compiler).
        assertThat(p.threads()).containsExactly(Map.entry("score flows", 10.0), Map.entry(CpuUse.REST, 4.5),
                Map.entry("new thread", 3.0), Map.entry("decode", 2.0), Map.entry("idle", 0.5));
        assertThat(StreamBenchmarkCommand.cpuLine(p))
                .isEqualTo("20.0 µs in this JVM (score flows 10.0, rest of the JVM 4.5, new thread 3.0, decode 2.0, idle 0.5), 2.0 µs in the broker");
    }
}
