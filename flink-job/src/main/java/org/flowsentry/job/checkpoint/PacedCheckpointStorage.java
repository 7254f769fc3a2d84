package org.flowsentry.job.checkpoint;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.checkpoint.filemerging.FileMergingSnapshotManager;
import org.apache.flink.runtime.execution.Environment;
import org.apache.flink.runtime.state.CheckpointStateOutputStream;
import org.apache.flink.runtime.state.CheckpointStateToolset;
import org.apache.flink.runtime.state.CheckpointStorage;
import org.apache.flink.runtime.state.CheckpointStorageAccess;
import org.apache.flink.runtime.state.CheckpointStorageLocation;
import org.apache.flink.runtime.state.CheckpointStorageLocationReference;
import org.apache.flink.runtime.state.CheckpointStorageWorkerView;
import org.apache.flink.runtime.state.CheckpointStreamFactory;
import org.apache.flink.runtime.state.CheckpointedStateScope;
import org.apache.flink.runtime.state.CompletedCheckpointStorageLocation;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;

/**
 * Flink's file system checkpoint storage, with the streams that tasks write their state to
 * paced to a byte rate that all of them in the JVM share ({@link PacedOutputStream},
 * {@link WriteRate}). A heap-backend snapshot is one thread per task that serializes as fast as
 * it can read the state: about a core for a second per 100 MB here. On a
 * machine the job keeps half busy that core is the other half, and flows waited for it (the
 * latency spikes of benchmark-stream came with each checkpoint). Paced, the snapshot takes
 * longer and leaves the job its share. Everything else is the file system storage's own.
 */
public final class PacedCheckpointStorage implements CheckpointStorage {
    private static final long serialVersionUID = 1L;

    private final FileSystemCheckpointStorage files;
    private final long bytesPerSecond;

    public PacedCheckpointStorage(FileSystemCheckpointStorage files, long bytesPerSecond) {
        if (bytesPerSecond <= 0) throw new IllegalArgumentException("checkpoint write rate must be positive: " + bytesPerSecond);
        this.files = files;
        this.bytesPerSecond = bytesPerSecond;
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    @Override
    public CompletedCheckpointStorageLocation resolveCheckpoint(String pointer) throws IOException {
        return files.resolveCheckpoint(pointer);
    }

    @Override
    public CheckpointStorageAccess createCheckpointStorage(JobID jobId) throws IOException {
        return new Access(files.createCheckpointStorage(jobId), bytesPerSecond);
    }

    /** The file system storage's access, but for the streams it hands to tasks. */
    private record Access(CheckpointStorageAccess files, long bytesPerSecond) implements CheckpointStorageAccess {
        @Override
        public boolean supportsHighlyAvailableStorage() {
            return files.supportsHighlyAvailableStorage();
        }

        @Override
        public boolean hasDefaultSavepointLocation() {
            return files.hasDefaultSavepointLocation();
        }

        @Override
        public CompletedCheckpointStorageLocation resolveCheckpoint(String pointer) throws IOException {
            return files.resolveCheckpoint(pointer);
        }

        @Override
        public void initializeBaseLocationsForCheckpoint() throws IOException {
            files.initializeBaseLocationsForCheckpoint();
        }

        @Override
        public CheckpointStorageLocation initializeLocationForCheckpoint(long checkpointId) throws IOException {
            return files.initializeLocationForCheckpoint(checkpointId);
        }

        @Override
        public CheckpointStorageLocation initializeLocationForSavepoint(long checkpointId, String externalLocationPointer)
                throws IOException {
            return files.initializeLocationForSavepoint(checkpointId, externalLocationPointer);
        }

        @Override
        public CheckpointStreamFactory resolveCheckpointStorageLocation(long checkpointId, CheckpointStorageLocationReference reference)
                throws IOException {
            return new Streams(files.resolveCheckpointStorageLocation(checkpointId, reference), bytesPerSecond);
        }

        @Override
        public CheckpointStateOutputStream createTaskOwnedStateStream() throws IOException {
            return new PacedOutputStream(files.createTaskOwnedStateStream(), WriteRate.shared(bytesPerSecond));
        }

        @Override
        public CheckpointStateToolset createTaskOwnedCheckpointStateToolset() {
            return files.createTaskOwnedCheckpointStateToolset();
        }

        @Override
        public CheckpointStorageWorkerView toFileMergingStorage(FileMergingSnapshotManager manager, Environment environment)
                throws IOException {
            return files.toFileMergingStorage(manager, environment); // file merging is off unless configured; then unpaced
        }
    }

    /** A checkpoint's stream factory whose streams are paced. */
    private record Streams(CheckpointStreamFactory files, long bytesPerSecond) implements CheckpointStreamFactory {
        @Override
        public CheckpointStateOutputStream createCheckpointStateOutputStream(CheckpointedStateScope scope) throws IOException {
            return new PacedOutputStream(files.createCheckpointStateOutputStream(scope), WriteRate.shared(bytesPerSecond));
        }

        @Override
        public boolean canFastDuplicate(StreamStateHandle handle, CheckpointedStateScope scope) throws IOException {
            return files.canFastDuplicate(handle, scope);
        }

        @Override
        public List<StreamStateHandle> duplicate(List<StreamStateHandle> handles, CheckpointedStateScope scope) throws IOException {
            return files.duplicate(handles, scope);
        }

        @Override
        public void reusePreviousStateHandle(Collection<? extends StreamStateHandle> handles) {
            files.reusePreviousStateHandle(handles);
        }

        @Override
        public boolean couldReuseStateHandle(StreamStateHandle handle) {
            return files.couldReuseStateHandle(handle);
        }
    }
}
