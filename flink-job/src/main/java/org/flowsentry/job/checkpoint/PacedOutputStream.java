package org.flowsentry.job.checkpoint;

import java.io.IOException;
import org.apache.flink.runtime.state.CheckpointStateOutputStream;
import org.apache.flink.runtime.state.StreamStateHandle;

/**
 * A checkpoint stream whose writer goes no faster than a byte rate on average: after each
 * {@link #STEP} bytes it sleeps until the time those bytes are due at the {@link WriteRate} it
 * shares with the JVM's other checkpoint streams.
 */
final class PacedOutputStream extends CheckpointStateOutputStream {
    /** Bytes between two checks of the clock: small next to a snapshot, large next to a write call. */
    static final int STEP = 64 * 1024;

    private final CheckpointStateOutputStream out;
    private final WriteRate rate;
    /** Bytes written since the last check of the rate, and when the first of them was. */
    private long unpaced;
    private long unpacedSince;

    PacedOutputStream(CheckpointStateOutputStream out, WriteRate rate) {
        this.out = out;
        this.rate = rate;
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
        if (unpaced == 0) unpacedSince = rate.clock().nanoTime();
        unpaced += bytes;
        if (unpaced < STEP) return;
        long ahead = rate.dueAfter(unpaced, unpacedSince) - rate.clock().nanoTime();
        unpaced = 0;
        if (ahead > 0) rate.clock().sleepNanos(ahead);
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
