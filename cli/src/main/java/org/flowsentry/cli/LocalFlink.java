package org.flowsentry.cli;

import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.flowsentry.job.JobConfig;
import org.flowsentry.job.checkpoint.PacedCheckpointStorageFactory;

/** A local Flink MiniCluster environment as `job` and `demo` run it. */
final class LocalFlink {
    private LocalFlink() {}

    /**
     * Checkpoints go to files: Flink's default in-memory storage refuses snapshots over 5 MB, and
     * the feature state of a busy network is larger (the job would fail and restart at every checkpoint).
     * They are written through a 256 KiB buffer instead of Flink's 4 KiB: tens of MB of host state
     * every checkpoint took one write call per 4 KiB, and a snapshot about twice as long. Not 1 MiB
     * as before: with a 4 GB heap, G1 allocates an array that large in humongous regions, and one
     * per checkpoint stream started concurrent mark cycles of over a second at checkpoints. And at a
     * paced rate (flowsentry.checkpoint.write-rate), so that a snapshot leaves the job its cores.
     *
     * @param webPort port of the Flink web UI, or null for none
     * @param job the job's options, of which the checkpoint write rate concerns the cluster
     */
    static StreamExecutionEnvironment environment(Path checkpoints, Integer webPort, JobConfig job) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, PacedCheckpointStorageFactory.class.getName());
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toAbsolutePath().toUri().toString());
        conf.set(CheckpointingOptions.FS_WRITE_BUFFER_SIZE, 256 << 10);
        conf.set(JobConfig.CHECKPOINT_WRITE_RATE, job.checkpointWriteRate());
        if (webPort == null) return StreamExecutionEnvironment.createLocalEnvironment(conf);
        conf.set(RestOptions.PORT, webPort);
        return StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
    }
}
