package org.flowsentry.cli;

/**
 * When each replayed flow is due, as a {@link System#nanoTime()} instant: as fast as possible, at
 * a fixed rate, or following the recorded start times sped up by a factor. Pure arithmetic on
 * the clock values passed in, so tests can drive it with a fake clock.
 *
 * <p>Both paced modes count from the first flow asked about (the first one sent) and are
 * absolute, not per gap: a sender that fell behind (a slow broker, a GC pause) catches up instead
 * of adding the delay to every later flow. With a speedup, a flow that starts earlier than the
 * first one is due at once.
 */
final class Pacer {
    private enum Mode { UNPACED, RATE, SPEEDUP }

    private final Mode mode;
    private final double value;
    private boolean started;
    private long originNanos;
    private long originMs;
    private long count;

    private Pacer(Mode mode, double value) {
        this.mode = mode;
        this.value = value;
    }

    /** Every flow is due at once. */
    static Pacer unpaced() {
        return new Pacer(Mode.UNPACED, 0);
    }

    /** Flow k (from 0) is due k / flowsPerSecond seconds after the first. */
    static Pacer rate(double flowsPerSecond) {
        if (!(flowsPerSecond > 0) || Double.isInfinite(flowsPerSecond)) {
            throw new IllegalArgumentException("--rate must be a positive number of flows per second, got " + flowsPerSecond);
        }
        return new Pacer(Mode.RATE, flowsPerSecond);
    }

    /** A flow is due (its start - the first flow's start) / factor after the first. */
    static Pacer speedup(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("--speedup must be a positive factor (1 = real time, 60 = an hour per minute), got " + factor);
        }
        return new Pacer(Mode.SPEEDUP, factor);
    }

    boolean paced() {
        return mode != Mode.UNPACED;
    }

    boolean needsTimestamps() {
        return mode == Mode.SPEEDUP;
    }

    /**
     * The nanoTime at which the next flow is due.
     *
     * @param startMs the flow's start time, epoch ms; used (and required) with a speedup only
     * @param nowNanos the current nanoTime; the first call takes it as the origin
     */
    long due(Long startMs, long nowNanos) {
        if (mode == Mode.SPEEDUP && startMs == null) throw new IllegalStateException("a speedup needs flow start times");
        if (!started) {
            started = true;
            originNanos = nowNanos;
            originMs = mode == Mode.SPEEDUP ? startMs : 0;
        }
        return switch (mode) {
            case UNPACED -> nowNanos;
            case RATE -> originNanos + (long) (count++ * 1e9 / value);
            case SPEEDUP -> originNanos + (long) ((startMs - originMs) * 1e6 / value);
        };
    }
}
