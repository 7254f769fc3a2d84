package org.flowsentry.job.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.state.memory.MemCheckpointStreamFactory;
import org.apache.flink.runtime.state.CheckpointStateOutputStream;
import org.apache.flink.runtime.state.CheckpointedStateScope;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.core.fs.FSDataInputStream;
import org.junit.jupiter.api.Test;

class PacedOutputStreamTest {
    private static final long RATE = 1 << 20; // 1 MiB/s
    private static final byte[] CHUNK = new byte[1000];

    /** A clock that only moves when a stream sleeps, or when the test says the writer worked. */
    static final class FakeClock implements WriteRate.Clock {
        long now = 1_000_000L;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    private static CheckpointStateOutputStream memory() throws IOException {
        return new MemCheckpointStreamFactory(16 << 20).createCheckpointStateOutputStream(CheckpointedStateScope.EXCLUSIVE);
    }

    @Test
    void aWriterFasterThanTheRateSleepsUntilItsBytesAreDue() throws IOException {
        FakeClock clock = new FakeClock();
        try (PacedOutputStream out = new PacedOutputStream(memory(), new WriteRate(RATE, clock))) {
            long start = clock.now;
            for (int i = 0; i < 4096; i++) out.write(CHUNK, 0, CHUNK.length); // 4,096,000 bytes, instantly
            // Paced to the rate: the clock stands at about 4,096,000 / 1 MiB s (less the last step's bytes).
            double seconds = (clock.now - start) / 1e9;
            assertThat(seconds).isBetween((4_096_000.0 - PacedOutputStream.STEP - 1000) / RATE, 4_096_000.0 / RATE);
            assertThat(clock.sleeps).allSatisfy(s -> assertThat(s).isPositive());
        }
    }

    @Test
    void aWriterSlowerThanTheRateNeverSleeps() throws IOException {
        FakeClock clock = new FakeClock();
        try (PacedOutputStream out = new PacedOutputStream(memory(), new WriteRate(RATE, clock))) {
            for (int i = 0; i < 4096; i++) {
                out.write(CHUNK, 0, CHUNK.length);
                clock.now += 2_000_000L; // 1000 bytes per 2 ms: 500 kB/s, under 1 MiB/s
            }
        }
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void streamsSharingARateTogetherGoNoFasterThanIt() throws IOException {
        FakeClock clock = new FakeClock();
        WriteRate shared = new WriteRate(RATE, clock);
        try (PacedOutputStream a = new PacedOutputStream(memory(), shared); PacedOutputStream b = new PacedOutputStream(memory(), shared)) {
            long start = clock.now;
            for (int i = 0; i < 2048; i++) { // two tasks' snapshots at once, 2,048,000 bytes each
                a.write(CHUNK, 0, CHUNK.length);
                b.write(CHUNK, 0, CHUNK.length);
            }
            double seconds = (clock.now - start) / 1e9;
            assertThat(seconds).isBetween((4_096_000.0 - 2 * (PacedOutputStream.STEP + 1000)) / RATE, 4_096_000.0 / RATE);
        }
        // Each alone at the same rate would have taken half as long: apart, they would go at twice the rate together.
    }

    @Test
    void timeNobodyWroteInIsNotSavedUpForABurst() throws IOException {
        FakeClock clock = new FakeClock();
        WriteRate shared = new WriteRate(RATE, clock);
        clock.now += 60_000_000_000L; // a minute without checkpoints
        try (PacedOutputStream out = new PacedOutputStream(memory(), shared)) {
            long start = clock.now;
            for (int i = 0; i < 1024; i++) out.write(CHUNK, 0, CHUNK.length);
            assertThat((clock.now - start) / 1e9).isGreaterThan((1_024_000.0 - PacedOutputStream.STEP - 1000) / RATE);
        }
    }

    @Test
    void everyByteReachesTheUnderlyingStreamInOrder() throws Exception {
        FakeClock clock = new FakeClock();
        byte[] data = new byte[300_000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31);
        StreamStateHandle handle;
        try (PacedOutputStream out = new PacedOutputStream(memory(), new WriteRate(1 << 20, clock))) {
            out.write(data, 0, 1000);
            out.write(data[1000]);
            out.write(data, 1001, data.length - 1001);
            assertThat(out.getPos()).isEqualTo(data.length);
            handle = out.closeAndGetHandle();
        }
        assertThat(readAll(handle)).isEqualTo(data);
    }

    /** Everything a state handle holds. */
    static byte[] readAll(StreamStateHandle handle) throws IOException {
        try (FSDataInputStream in = handle.openInputStream()) {
            return in.readAllBytes();
        }
    }
}
