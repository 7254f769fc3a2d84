package org.flowsentry.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * How many output records a job has made readable, observed over time, and the rate that
 * follows. The rate counts from the last observation that saw no output at all, so the job's
 * start-up (deployment, state and model loading) is left out, and it ends at the first
 * observation that saw every record: both ends are rounded outwards by at most one polling
 * interval, so the rate is never flattered.
 */
final class Throughput {
    private record Observation(long nanos, long count) {}

    private final long expected;
    private final List<Observation> observations = new ArrayList<>();

    /** @param expected output records that mean the job is through its input */
    Throughput(long expected) {
        if (expected < 1) throw new IllegalArgumentException("expected must be at least 1, got " + expected);
        this.expected = expected;
    }

    /** Records what a poll saw; observations must come in time order. */
    void observe(long nanos, long count) {
        if (!observations.isEmpty() && nanos < observations.get(observations.size() - 1).nanos()) {
            throw new IllegalArgumentException("observations must come in time order");
        }
        observations.add(new Observation(nanos, count));
    }

    boolean complete() {
        return !observations.isEmpty() && last().count() >= expected;
    }

    long count() {
        return observations.isEmpty() ? 0 : last().count();
    }

    /** Seconds from the last observation without output to the first with all of it. */
    double seconds() {
        requireComplete();
        return (firstAtLeast(expected).nanos() - lastWithout().nanos()) / 1e9;
    }

    /** Expected records per second over {@link #seconds()}. */
    double ratePerSecond() {
        return expected / seconds();
    }

    /**
     * The rate between the first observations that saw the given shares of the expected records
     * (e.g. 0.1 and 0.9: without the warm-up at the start and the drain at the end), or NaN when
     * one poll saw both.
     */
    double rateBetween(double fromShare, double toShare) {
        requireComplete();
        Observation a = firstAtLeast((long) Math.ceil(fromShare * expected));
        Observation b = firstAtLeast((long) Math.ceil(toShare * expected));
        return b.nanos() == a.nanos() ? Double.NaN : (b.count() - a.count()) / ((b.nanos() - a.nanos()) / 1e9);
    }

    /** Seconds from the given instant (the job's submission) to the last observation without output. */
    double secondsBeforeOutput(long submittedNanos) {
        requireComplete();
        return (lastWithout().nanos() - submittedNanos) / 1e9;
    }

    private Observation lastWithout() {
        Observation zero = null;
        for (Observation o : observations) {
            if (o.count() > 0) break;
            zero = o;
        }
        if (zero == null) throw new IllegalStateException("output was already there at the first observation: observe before the job starts");
        return zero;
    }

    private Observation firstAtLeast(long count) {
        for (Observation o : observations) if (o.count() >= count) return o;
        throw new IllegalStateException("no observation saw " + count + " records");
    }

    private Observation last() {
        return observations.get(observations.size() - 1);
    }

    private void requireComplete() {
        if (!complete()) throw new IllegalStateException("only " + count() + " of " + expected + " records observed");
    }
}
