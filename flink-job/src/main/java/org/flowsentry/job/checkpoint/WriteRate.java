package org.flowsentry.job.checkpoint;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A byte rate that all the checkpoint streams of one JVM (a TaskManager, or a local run) share
 * (per class loader: on a cluster this class comes from the job jar, so per job and TaskManager):
 * each {@link PacedOutputStream} asks when the bytes it just wrote are due and sleeps until then.
 * Shared, because every task writes its own streams at once: with a rate per stream, a job with
 * two keyed operators of similar state size checkpointed at twice the rate, on two snapshot
 * threads, and flows waited for the CPU they took (benchmark-stream's p99 went from 136 to 401 ms
 * when half the state moved from one operator to the other). Thread-safe.
 */
final class WriteRate {
    private static final ConcurrentMap<Long, WriteRate> SHARED = new ConcurrentHashMap<>();

    private final double nanosPerByte;
    private final Clock clock;
    /** When the bytes handed in so far are due (clock time). */
    private long due = Long.MIN_VALUE;

    /** Time and sleeping, replaceable in tests. */
    interface Clock {
        long nanoTime();

        void sleepNanos(long nanos);

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) {
                LockSupport.parkNanos(nanos);
            }
        };
    }

    WriteRate(long bytesPerSecond, Clock clock) {
        if (bytesPerSecond <= 0) throw new IllegalArgumentException("checkpoint write rate must be positive: " + bytesPerSecond);
        this.nanosPerByte = 1e9 / bytesPerSecond;
        this.clock = clock;
    }

    /** The rate this JVM's checkpoint streams share: one per rate (jobs may set their own). */
    static WriteRate shared(long bytesPerSecond) {
        return SHARED.computeIfAbsent(bytesPerSecond, r -> new WriteRate(r, Clock.SYSTEM));
    }

    Clock clock() {
        return clock;
    }

    /**
     * When bytes that a stream wrote since {@code since} (clock time) are due: after every byte
     * handed in before them, at the rate, and no earlier than since plus their own time at the
     * rate. So a writer slower than the rate never waits, and time nobody wrote in is not saved up
     * for a burst later.
     */
    synchronized long dueAfter(long bytes, long since) {
        due = Math.max(due, since) + (long) (bytes * nanosPerByte);
        return due;
    }
}
