package org.flowsentry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The pacing arithmetic, driven with a fake clock: due times are absolute from the first flow sent. */
class PacerTest {
    private static final long T0 = 5_000_000_000L; // an arbitrary nanoTime

    @Test
    void unpacedFlowsAreDueAtOnce() {
        Pacer p = Pacer.unpaced();
        assertThat(p.paced()).isFalse();
        assertThat(p.due(null, T0)).isEqualTo(T0);
        assertThat(p.due(123L, T0 + 7)).isEqualTo(T0 + 7);
    }

    @Test
    void aRateSpacesFlowsEvenlyFromTheFirstAndCatchesUpWhenBehind() {
        Pacer p = Pacer.rate(200); // 5 ms apart
        assertThat(p.due(null, T0)).isEqualTo(T0);
        assertThat(p.due(null, T0 + 1_000)).isEqualTo(T0 + 5_000_000);
        // The sender stalled for 100 ms: the next flows are already due (no delay added to every later flow).
        assertThat(p.due(null, T0 + 100_000_000)).isEqualTo(T0 + 10_000_000);
        for (int k = 3; k < 1000; k++) p.due(null, T0);
        assertThat(p.due(null, T0)).as("flow 1000 of a 200/s replay is due after 5 s").isEqualTo(T0 + 5_000_000_000L);
    }

    @Test
    void aFractionalRateKeepsItsAverage() {
        Pacer p = Pacer.rate(0.5);
        p.due(null, T0);
        assertThat(p.due(null, T0)).isEqualTo(T0 + 2_000_000_000L);
        assertThat(p.due(null, T0)).isEqualTo(T0 + 4_000_000_000L);
    }

    @Test
    void aSpeedupFollowsRecordedTimesRelativeToTheFirstFlow() {
        Pacer p = Pacer.speedup(10);
        long start = 1_767_571_200_000L;
        assertThat(p.due(start, T0)).isEqualTo(T0);
        // 2 s of recorded time at 10x: 200 ms, whenever the caller asks.
        assertThat(p.due(start + 2_000, T0 + 50)).isEqualTo(T0 + 200_000_000);
        // Same start time: no gap.
        assertThat(p.due(start + 2_000, T0 + 200_000_000)).isEqualTo(T0 + 200_000_000);
        // An hour later in the capture: 6 minutes.
        assertThat(p.due(start + 3_600_000, T0)).isEqualTo(T0 + 360_000_000_000L);
    }

    @Test
    void aFlowEarlierThanTheFirstIsDueAtOnce() {
        Pacer p = Pacer.speedup(1);
        long start = 1_000_000L;
        p.due(start, T0);
        assertThat(p.due(start - 500, T0 + 10)).isLessThan(T0 + 10);
    }

    @Test
    void slowMotionWorksToo() {
        Pacer p = Pacer.speedup(0.5);
        p.due(0L, T0);
        assertThat(p.due(1_000L, T0)).isEqualTo(T0 + 2_000_000_000L);
    }

    @Test
    void aSpeedupNeedsStartTimesAndPositiveFactors() {
        assertThat(Pacer.speedup(2).needsTimestamps()).isTrue();
        assertThat(Pacer.rate(2).needsTimestamps()).isFalse();
        assertThatThrownBy(() -> Pacer.speedup(2).due(null, T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Pacer.speedup(0)).hasMessageContaining("--speedup must be a positive factor");
        assertThatThrownBy(() -> Pacer.rate(-1)).hasMessageContaining("--rate must be a positive number");
        assertThatThrownBy(() -> Pacer.rate(Double.NaN)).hasMessageContaining("--rate");
    }
}
