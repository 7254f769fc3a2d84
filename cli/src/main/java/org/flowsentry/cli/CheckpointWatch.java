package org.flowsentry.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Watches a job's checkpoint directory ({@code <checkpoints>/<job id>}) while a benchmark phase
 * runs: when each {@code chk-<n>} appeared (Flink creates it when the checkpoint is triggered),
 * when its {@code _metadata} appeared (completed) and how many bytes it holds then. Latency spikes
 * line up with checkpoints (each writes the whole heap state), so benchmark-stream reports them
 * beside the latencies. Polls every 50 ms on a daemon thread; times are System.nanoTime().
 */
final class CheckpointWatch implements AutoCloseable {
    /** One checkpoint; completedNanos is null and bytes 0 while it is still being written. */
    record Checkpoint(long id, long triggeredNanos, Long completedNanos, long bytes) {}

    private static final long POLL_MS = 50;

    private final Path jobDir;
    private final Map<Long, Checkpoint> seen = new TreeMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private CheckpointWatch(Path jobDir) {
        this.jobDir = jobDir;
        this.thread = new Thread(this::run, "benchmark-checkpoints");
        thread.setDaemon(true);
    }

    static CheckpointWatch start(Path jobDir) {
        CheckpointWatch w = new CheckpointWatch(jobDir);
        w.poll(); // checkpoints already there are not this phase's: seen, with their state
        w.thread.start();
        return w;
    }

    private void run() {
        while (running) {
            poll();
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void poll() {
        if (!Files.isDirectory(jobDir)) return;
        long now = System.nanoTime();
        try (Stream<Path> dirs = Files.list(jobDir)) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (!name.startsWith("chk-")) continue;
                long id = Long.parseLong(name.substring(4));
                Checkpoint c = seen.get(id);
                if (c == null) seen.put(id, c = new Checkpoint(id, now, null, 0));
                if (c.completedNanos() == null && Files.exists(dir.resolve("_metadata"))) {
                    seen.put(id, new Checkpoint(id, c.triggeredNanos(), now, size(dir)));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Flink deletes a subsumed checkpoint while we list it: the next poll sees the rest.
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** The checkpoints seen so far, in id order. */
    synchronized List<Checkpoint> checkpoints() {
        return new ArrayList<>(seen.values());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
        poll();
    }
}
