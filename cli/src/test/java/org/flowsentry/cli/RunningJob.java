package org.flowsentry.cli;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.JobListener;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.flowsentry.job.FlowSentryJob;
import org.flowsentry.job.JobConfig;

/** The job on Kafka on a local MiniCluster in a background thread, cancelled through the JobClient Flink hands its listeners. */
final class RunningJob {
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final CompletableFuture<JobClient> client = new CompletableFuture<>();
    private final CompletableFuture<JobExecutionResult> result = new CompletableFuture<>();

    private RunningJob() {}

    static RunningJob start(JobConfig config) {
        RunningJob job = new RunningJob();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        env.registerJobListener(new JobListener() {
            @Override
            public void onJobSubmitted(JobClient jobClient, Throwable throwable) {
                if (jobClient != null) job.client.complete(jobClient);
                else job.client.completeExceptionally(throwable);
            }

            @Override
            public void onJobExecuted(JobExecutionResult result, Throwable throwable) {}
        });
        Thread t = new Thread(() -> {
            try {
                job.result.complete(new FlowSentryJob(config).runOnKafka(env));
            } catch (Throwable e) {
                job.result.completeExceptionally(e);
                job.client.completeExceptionally(e);
            }
        }, "flowsentry-job");
        t.setDaemon(true);
        t.start();
        return job;
    }

    /** Fails the test with the job's own error if it stopped. */
    void requireRunning() throws Exception {
        if (result.isCompletedExceptionally()) result.get();
        if (result.isDone()) throw new AssertionError("the job ended on its own");
    }

    void cancel() throws Exception {
        if (result.isDone()) return;
        client.get(WAIT.toSeconds(), TimeUnit.SECONDS).cancel().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        try {
            result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // Cancelled: execute() reports it as a failure.
        }
    }
}
