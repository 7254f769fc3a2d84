package org.flowsentry.job.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.runtime.state.CheckpointStateOutputStream;
import org.apache.flink.runtime.state.CheckpointStorageAccess;
import org.apache.flink.runtime.state.CheckpointStorageLocation;
import org.apache.flink.runtime.state.CheckpointedStateScope;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.flowsentry.job.JobConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacedCheckpointStorageTest {
    @TempDir
    Path dir;

    private Configuration conf(String rate) {
        Configuration c = new Configuration();
        c.set(CheckpointingOptions.CHECKPOINT_STORAGE, PacedCheckpointStorageFactory.class.getName());
        c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
        if (rate != null) c.set(JobConfig.CHECKPOINT_WRITE_RATE, MemorySize.parse(rate));
        return c;
    }

    @Test
    void writesCheckpointFilesWhereTheFileSystemStorageWouldThroughPacedStreams() throws Exception {
        PacedCheckpointStorage storage = new PacedCheckpointStorageFactory().createFromConfig(conf("32mb"), getClass().getClassLoader());
        assertThat(storage.bytesPerSecond()).isEqualTo(32L << 20);
        JobID job = new JobID();
        CheckpointStorageAccess access = storage.createCheckpointStorage(job);
        access.initializeBaseLocationsForCheckpoint();
        CheckpointStorageLocation location = access.initializeLocationForCheckpoint(7);
        assertThat(dir.resolve(job.toString()).resolve("chk-7")).isDirectory();

        byte[] state = new byte[200_000];
        for (int i = 0; i < state.length; i++) state[i] = (byte) i;
        StreamStateHandle handle;
        try (CheckpointStateOutputStream out = access.resolveCheckpointStorageLocation(7, location.getLocationReference())
                .createCheckpointStateOutputStream(CheckpointedStateScope.EXCLUSIVE)) {
            assertThat(out).isInstanceOf(PacedOutputStream.class);
            out.write(state);
            handle = out.closeAndGetHandle();
        }
        assertThat(PacedOutputStreamTest.readAll(handle)).isEqualTo(state);
        assertThat(access.createTaskOwnedStateStream()).isInstanceOf(PacedOutputStream.class);
    }

    @Test
    void takesTheDefaultRateAndRefusesANonPositiveOne() {
        PacedCheckpointStorage storage = new PacedCheckpointStorageFactory().createFromConfig(conf(null), getClass().getClassLoader());
        assertThat(storage.bytesPerSecond()).isEqualTo(JobConfig.CHECKPOINT_WRITE_RATE.defaultValue().getBytes());
        assertThatThrownBy(() -> new PacedCheckpointStorageFactory().createFromConfig(conf("0b"), getClass().getClassLoader()))
                .isInstanceOf(IllegalConfigurationException.class).hasMessageContaining("write-rate");
    }
}
