package org.flowsentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointWatchTest {
    @Test
    void seesCheckpointsTriggeredAndCompletedWithTheirSize(@TempDir Path job) throws Exception {
        Files.createDirectories(job.resolve("chk-1"));
        Files.write(job.resolve("chk-1/_metadata"), new byte[10]);
        CheckpointWatch.Checkpoint second;
        try (CheckpointWatch watch = CheckpointWatch.start(job)) {
            Path chk = Files.createDirectories(job.resolve("chk-2"));
            Files.write(chk.resolve("state"), new byte[5_000]);
            awaitCheckpoints(watch, 2);
            assertThat(watch.checkpoints().get(1).completedNanos()).as("no _metadata yet").isNull();
            Path written = Files.write(job.resolve("metadata.tmp"), new byte[100]);
            Files.move(written, chk.resolve("_metadata"), StandardCopyOption.ATOMIC_MOVE); // whole, as the watch must see it
            Files.createDirectories(job.resolve("shared"));
            Thread.sleep(300);
            second = watch.checkpoints().get(1);
        }
        assertThat(second.id()).isEqualTo(2);
        assertThat(second.completedNanos()).isNotNull().isGreaterThan(second.triggeredNanos());
        assertThat(second.bytes()).isEqualTo(5_100);
    }

    @Test
    void aJobWithoutCheckpointsYetHasNone(@TempDir Path dir) throws Exception {
        try (CheckpointWatch watch = CheckpointWatch.start(dir.resolve("not-yet"))) {
            assertThat(watch.checkpoints()).isEmpty();
        }
    }

    private static void awaitCheckpoints(CheckpointWatch watch, int n) throws InterruptedException {
        for (int i = 0; i < 100 && watch.checkpoints().size() < n; i++) Thread.sleep(20);
        List<CheckpointWatch.Checkpoint> seen = watch.checkpoints();
        assertThat(seen).hasSize(n);
    }
}
