package org.flowsentry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The throughput arithmetic, on made-up observations: start-up left out, both ends rounded outwards. */
class ThroughputTest {
    private static final long T0 = 7_000_000_000L; // an arbitrary nanoTime
    private static final long MS = 1_000_000L;

    @Test
    void theRateRunsFromTheLastPollWithoutOutputToTheFirstWithAllOfIt() {
        Throughput t = new Throughput(1000);
        t.observe(T0, 0);                // submitted, starting up
        t.observe(T0 + 5000 * MS, 0);    // still nothing: 5 s of start-up
        t.observe(T0 + 5020 * MS, 40);
        t.observe(T0 + 5520 * MS, 600);
        assertThat(t.complete()).isFalse();
        t.observe(T0 + 6000 * MS, 999);
        t.observe(T0 + 6020 * MS, 1000);
        assertThat(t.complete()).isTrue();
        assertThat(t.seconds()).isEqualTo(1.02);
        assertThat(t.ratePerSecond()).isCloseTo(1000 / 1.02, within(1e-9));
        assertThat(t.secondsBeforeOutput(T0)).isEqualTo(5.0);
    }

    @Test
    void theSteadyRateLeavesOutWarmUpAndDrain() {
        Throughput t = new Throughput(1000);
        t.observe(T0, 0);
        t.observe(T0 + 1000 * MS, 50);   // slow start
        t.observe(T0 + 1500 * MS, 100);  // 10 %
        t.observe(T0 + 2300 * MS, 900);  // 90 %: 800 flows in 0.8 s
        t.observe(T0 + 4000 * MS, 1000); // slow end
        assertThat(t.rateBetween(0.1, 0.9)).isCloseTo(1000.0, within(1e-9));
        assertThat(t.ratePerSecond()).isEqualTo(250.0);
    }

    @Test
    void aSinglePollSeeingEverythingHasNoSteadyRateButARate() {
        Throughput t = new Throughput(10);
        t.observe(T0, 0);
        t.observe(T0 + 20 * MS, 10);
        assertThat(t.ratePerSecond()).isEqualTo(500.0);
        assertThat(t.rateBetween(0.1, 0.9)).isNaN();
    }

    @Test
    void outputBeforeTheFirstPollOrAnIncompleteRunHasNoRate() {
        Throughput early = new Throughput(10);
        early.observe(T0, 3);
        early.observe(T0 + MS, 10);
        assertThatThrownBy(early::ratePerSecond).isInstanceOf(IllegalStateException.class).hasMessageContaining("before the job starts");

        Throughput incomplete = new Throughput(10);
        incomplete.observe(T0, 0);
        incomplete.observe(T0 + MS, 9);
        assertThatThrownBy(incomplete::ratePerSecond).isInstanceOf(IllegalStateException.class).hasMessageContaining("only 9 of 10");
        assertThatThrownBy(() -> incomplete.observe(T0, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
