package org.flowsentry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles of latency samples. */
class LatenciesTest {
    @Test
    void percentilesAreNearestRankOnTheSortedSamples() {
        Latencies l = new Latencies();
        // 1..1000 ms in a shuffled order (7919 is coprime with 1000).
        for (int k = 0; k < 1000; k++) l.add(((k * 7919L) % 1000 + 1) * 1_000_000L);
        Latencies.Summary s = l.summary();
        assertThat(s.samples()).isEqualTo(1000);
        assertThat(s.p50Ms()).isEqualTo(500.0);
        assertThat(s.p90Ms()).isEqualTo(900.0);
        assertThat(s.p99Ms()).isEqualTo(990.0);
        assertThat(s.maxMs()).isEqualTo(1000.0);
    }

    @Test
    void growsBeyondItsFirstArrayAndKeepsEverySample() {
        Latencies l = new Latencies();
        for (int k = 0; k < 5000; k++) l.add(k == 4321 ? 9_000_000L : 1_500_000L);
        assertThat(l.size()).isEqualTo(5000);
        Latencies.Summary s = l.summary();
        assertThat(s.p99Ms()).isEqualTo(1.5);
        assertThat(s.maxMs()).isEqualTo(9.0);
    }

    @Test
    void smallSamplesRoundRanksUp() {
        long[] sorted = {10, 20, 30};
        assertThat(Latencies.percentile(sorted, 0.5)).isEqualTo(20);
        assertThat(Latencies.percentile(sorted, 0.99)).isEqualTo(30);
        assertThat(Latencies.percentile(new long[] {42}, 0.01)).isEqualTo(42);
    }

    @Test
    void noSamplesOrANegativeLatencyIsAnError() {
        assertThatThrownBy(() -> new Latencies().summary()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Latencies().add(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
