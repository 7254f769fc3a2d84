package org.flowsentry.job.kafka;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.JobListener;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.flowsentry.job.FlowSentryJob;

/**
 * {@link FlowSentryJob#runOnKafka} running in the background on a MiniCluster-backed environment,
 * exactly as {@code main} runs it; {@link #close()} cancels it. The Kafka sources never end, so a
 * test waits for the output it expects and then closes the run.
 */
public final class JobRun implements AutoCloseable {
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(60);

    private final CompletableFuture<JobClient> client = new CompletableFuture<>();
    private final CompletableFuture<JobExecutionResult> result = new CompletableFuture<>();
    private final Thread thread;

    private JobRun(FlowSentryJob job, StreamExecutionEnvironment env) {
        env.registerJobListener(new JobListener() {
            @Override
            public void onJobSubmitted(JobClient jobClient, Throwable t) {
                if (t != null) client.completeExceptionally(t);
                else client.complete(jobClient);
            }

            @Override
            public void onJobExecuted(JobExecutionResult r, Throwable t) {}
        });
        thread = new Thread(() -> {
            try {
                result.complete(job.runOnKafka(env));
            } catch (Throwable t) {
                result.completeExceptionally(t);
                client.completeExceptionally(t); // no-op once submitted
            }
        }, "flowsentry-job-run");
        thread.setDaemon(true);
    }

    /** Submits the job and waits until it is running. */
    public static JobRun start(FlowSentryJob job, StreamExecutionEnvironment env) {
        JobRun run = new JobRun(job, env);
        run.thread.start();
        run.awaitStatus(JobStatus.RUNNING);
        return run;
    }

    public JobID jobId() {
        return client().getJobID();
    }

    /** Throws when the job has ended (it never ends by itself on Kafka): use in every wait, so a failure shows at once. */
    public void assertRunning() {
        if (!result.isDone()) return;
        try {
            result.getNow(null);
            throw new AssertionError("the job ended by itself");
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            throw new AssertionError("the job failed: " + root, e.getCause());
        }
    }

    public JobStatus status() {
        try {
            return client().getJobStatus().get(CANCEL_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no job status", e);
        }
    }

    private void awaitStatus(JobStatus wanted) {
        long deadline = System.nanoTime() + KafkaTestClient.WAIT.toNanos();
        while (status() != wanted) {
            assertRunning();
            if (System.nanoTime() > deadline) throw new AssertionError("job not " + wanted + " within " + KafkaTestClient.WAIT);
            sleep(100);
        }
    }

    private JobClient client() {
        try {
            return client.get(KafkaTestClient.WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("the job was not submitted: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the job was not submitted within " + KafkaTestClient.WAIT, e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Cancels the job (if it still runs) and waits, bounded, for it to end. */
    @Override
    public void close() {
        if (client.isDone() && !client.isCompletedExceptionally() && !result.isDone()) {
            try {
                client.join().cancel().get(CANCEL_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                // Already ending; the join below is bounded either way.
            }
        }
        try {
            thread.join(CANCEL_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
