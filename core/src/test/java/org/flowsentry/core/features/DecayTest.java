package org.flowsentry.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecayTest {

    @Test
    void tableFactorsAndLateWeightsAreBitIdenticalToStrictMathPow() {
        List<Long> halfLives = List.of(1_000L, 10_000L, 60_000L, 600_000L, 7L, 1_500L);
        Decay decay = new Decay(halfLives);
        SplittableRandom r = new SplittableRandom(3);
        for (int n = 0; n < 200_000; n++) {
            long dt = switch (n % 4) {
                case 0 -> r.nextLong(-3 * Decay.TABLE, 3 * Decay.TABLE); // both sides of the table's edges
                case 1 -> n / 4 % (Decay.TABLE + 2) - 1; // every gap in the table, and one on each side
                case 2 -> r.nextLong(-86_400_000L, 86_400_000L);
                default -> r.nextBoolean() ? Long.MAX_VALUE - r.nextInt(10) : Long.MIN_VALUE + 1 + r.nextInt(10);
            };
            for (int h = 0; h < halfLives.size(); h++) {
                double expected = dt <= 0 ? 1.0 : StrictMath.pow(0.5, (double) dt / halfLives.get(h));
                assertThat(Double.doubleToRawLongBits(decay.factor(h, dt))).as("gap %d, half-life %d", dt, halfLives.get(h))
                        .isEqualTo(Double.doubleToRawLongBits(expected));
                double late = dt >= 0 ? 1.0 : StrictMath.pow(0.5, (double) -dt / halfLives.get(h));
                assertThat(Double.doubleToRawLongBits(decay.lateWeight(h, dt))).as("late by %d, half-life %d", -dt, halfLives.get(h))
                        .isEqualTo(Double.doubleToRawLongBits(late));
            }
        }
    }

    @Test
    void theLongestHalfLifeIsTheFirstOfTheLongest() {
        assertThat(new Decay(List.of(1_000L, 600_000L, 60_000L)).longest()).isEqualTo(1);
        assertThat(new Decay(List.of(5L, 9L, 9L)).longest()).isEqualTo(1);
        assertThat(new Decay(List.of(42L)).longest()).isZero();
    }
}
