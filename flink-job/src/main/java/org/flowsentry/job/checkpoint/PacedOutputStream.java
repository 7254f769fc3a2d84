package org.flowsentry.job.checkpoint;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.runtime.state.CheckpointStateOutputStream;
import org.apache.flink.runtime.state.StreamStateHandle;

/**
 * A checkpoint stream that lets its writer go no faster than a byte rate on average: after each
 * {@link #STEP} bytes it sleeps until the time those bytes are due, counted from the first write
 * (so a writer that was slower than the rate for a while may then catch up at full speed).
 */
final class PacedOutputStream extends CheckpointStateOutputStream {
    /** Bytes between two checks of the clock: small next to a snapshot, large next to a write call. */
    static final int STEP = 64 * 1024;

    private final CheckpointStateOutputStream out;
    private final double nanosPerByte;
    private final Clock clock;
    private long startNanos;
    private long written;
    private long nextCheck = STEP;

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

    PacedOutputStream(CheckpointStateOutputStream out, long bytesPerSecond) {
        this(out, bytesPerSecond, Clock.SYSTEM);
    }

    PacedOutputStream(CheckpointStateOutputStream out, long bytesPerSecond, Clock clock) {
        this.out = out;
        this.nanosPerByte = 1e9 / bytesPerSecond;
        this.clock = clock;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        wrote(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        wrote(len);
    }

    private void wrote(int bytes) {
        if (written == 0) startNanos = clock.nanoTime();
        written += bytes;
        if (written < nextCheck) return;
        nextCheck = written + STEP;
        long ahead = startNanos + (long) (written * nanosPerByte) - clock.nanoTime();
        if (ahead > 0) clock.sleepNanos(ahead);
    }

    @Override
    public long getPos() throws IOException {
        return out.getPos();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void sync() throws IOException {
        out.sync();
    }

    @Override
    public StreamStateHandle closeAndGetHandle() throws IOException {
        return out.closeAndGetHandle();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
