package org.flowsentry.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Exporters send a flow when it ends, so a stream ordered by arrival holds flows that started
 * before ones already counted. The context's damped sums must not depend on that order.
 */
class LateFlowsTest {
    private static final ContextSpec SPEC = ContextSpec.DEFAULT;

    /** One host's flows over ten minutes: start, duration, bytes, failed. */
    private record Flow(long startMs, long durationMs, long bytes, boolean failed) {
        long endMs() {
            return startMs + durationMs;
        }
    }

    private static final Decay DECAY = new Decay(SPEC.halfLivesMs());
    private static final long[] WINDOWS = SPEC.distinctWindowsMs().stream().mapToLong(Long::longValue).toArray();

    @Test
    void dampedSumsAreTheSameWhetherFlowsArriveByStartOrByEnd() {
        SplittableRandom r = new SplittableRandom(3);
        List<Flow> flows = IntStream.range(0, 600).mapToObj(i -> new Flow(1_000_000 + r.nextLong(600_000),
                r.nextInt(4) == 0 ? r.nextLong(120_000) : r.nextLong(200), 40 + r.nextLong(100_000), r.nextInt(10) == 0)).toList();
        List<Flow> byStart = flows.stream().sorted(Comparator.comparingLong(Flow::startMs)).toList();
        List<Flow> byEnd = flows.stream().sorted(Comparator.comparingLong(Flow::endMs)).toList();

        HostState hostByStart = HostState.create(SPEC);
        HostState hostByEnd = HostState.create(SPEC);
        PairState pairByStart = PairState.create(SPEC);
        PairState pairByEnd = PairState.create(SPEC);
        double[] out = new double[HostState.width(SPEC) + PairState.width(SPEC)];
        for (Flow f : byStart) {
            hostByStart.update(SPEC, DECAY, WINDOWS, f.startMs(), f.bytes(), f.failed(), 7, 443, out, 0);
            pairByStart.update(SPEC, DECAY, f.startMs(), f.bytes(), out, 0);
        }
        long late = 0;
        long latest = Long.MIN_VALUE;
        for (Flow f : byEnd) {
            if (f.startMs() < latest) late++;
            latest = Math.max(latest, f.startMs());
            hostByEnd.update(SPEC, DECAY, WINDOWS, f.startMs(), f.bytes(), f.failed(), 7, 443, out, 0);
            pairByEnd.update(SPEC, DECAY, f.startMs(), f.bytes(), out, 0);
        }
        System.out.printf("[late-flows] %d flows, %d arrive after a later-starting one%n", flows.size(), late);
        assertThat(late).as("flows that arrive late").isGreaterThan(100);

        assertThat(hostByEnd.getLastMs()).isEqualTo(hostByStart.getLastMs());
        for (int h = 0; h < hostByStart.halfLives(); h++) {
            assertClose(new double[] {hostByEnd.flows(h), hostByEnd.bytes(h), hostByEnd.failed(h)},
                    new double[] {hostByStart.flows(h), hostByStart.bytes(h), hostByStart.failed(h)});
        }
        assertClose(pairByEnd.getFlows(), pairByStart.getFlows());
        assertClose(new double[] {pairByEnd.getSizeW(), pairByEnd.getSizeSum(), pairByEnd.getSizeSq()},
                new double[] {pairByStart.getSizeW(), pairByStart.getSizeSum(), pairByStart.getSizeSq()});
    }

    private static void assertClose(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(1e-9 * Math.max(1, Math.abs(expected[i]))));
        }
    }
}
