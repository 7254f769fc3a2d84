package org.flowsentry.job.checkpoint;

import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.runtime.state.CheckpointStorageFactory;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.flowsentry.job.JobConfig;

/**
 * Makes the paced storage from Flink's configuration: {@code execution.checkpointing.storage}
 * set to this class's name, the file system storage's own options (directory, write buffer)
 * and {@link JobConfig#CHECKPOINT_WRITE_RATE}.
 */
public final class PacedCheckpointStorageFactory implements CheckpointStorageFactory<PacedCheckpointStorage> {
    @Override
    public PacedCheckpointStorage createFromConfig(ReadableConfig config, ClassLoader classLoader) throws IllegalConfigurationException {
        long rate = config.get(JobConfig.CHECKPOINT_WRITE_RATE).getBytes();
        if (rate <= 0) throw new IllegalConfigurationException(JobConfig.CHECKPOINT_WRITE_RATE.key() + " must be positive");
        return new PacedCheckpointStorage(FileSystemCheckpointStorage.createFromConfig(config, classLoader), rate);
    }
}
