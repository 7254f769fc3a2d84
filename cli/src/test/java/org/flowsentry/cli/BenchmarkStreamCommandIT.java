package org.flowsentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `flowsentry benchmark-stream` in a short configuration, with its own broker, model and jobs:
 * every flow comes out of the pass-through and the job with every scored flow, the default job makes the same alerts,
 * and the latency phase measures alerts. Checks counts, never times.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class BenchmarkStreamCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FLOWS = 20_000;
    private static final int LATENCY_SECONDS = 3;
    private static final int WARMUP_SECONDS = 2;

    @TempDir
    Path dir;

    @Test
    void everyFlowComesOutOfBothPhasesAndEveryAlertOfTheLatencyPhaseIsASample() throws Exception {
        Path json = dir.resolve("result.json");
        CliRun run = CliRun.run("benchmark-stream", "--flows", Integer.toString(FLOWS), "--latency-seconds", Integer.toString(LATENCY_SECONDS),
                "--latency-warmup", Integer.toString(WARMUP_SECONDS), "--checkpoint-interval", "1s", // checkpoints while sending
                "--train-duration", "1m", "--work-dir", dir.resolve("work").toString(), "--json", json.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("pass-through", "full job + scored", "full job", "produce -> alert readable", "target: full job >= 50,000 flows/s");

        JsonNode r = JSON.readTree(json.toFile());
        long labelled = 0;
        for (JsonNode n : r.get("labels")) labelled += n.asLong();
        assertThat(labelled).isEqualTo(FLOWS);
        assertThat(r.get("labels").get("BENIGN").asLong()).isLessThan(FLOWS); // attacks are in the workload

        for (String phase : List.of("passThrough", "fullJobEveryScored", "fullJob")) {
            JsonNode p = r.get(phase);
            assertThat(p.get("flows").asLong()).as(phase).isEqualTo(FLOWS);
            assertThat(p.get("deadLetters").asLong()).as(phase).isZero();
            assertThat(p.get("flowsPerSecond").asDouble()).as(phase).isEqualTo(FLOWS / p.get("seconds").asDouble()).isPositive();
            assertThat(p.get("cpuMicrosPerFlow").get("jvmMicros").asDouble()).as(phase).isPositive();
        }
        assertThat(r.at("/passThrough/outputs").asLong()).as("one output record per flow").isEqualTo(FLOWS);
        assertThat(r.at("/fullJobEveryScored/outputs").asLong()).as("one scored record per flow").isEqualTo(FLOWS);
        long alerts = r.at("/fullJobEveryScored/alerts").asLong();
        assertThat(alerts).isPositive().isLessThan(FLOWS);
        assertThat(r.at("/fullJob/alerts").asLong()).as("the default job on the same input: the same alerts").isEqualTo(alerts);
        assertThat(r.at("/fullJob/outputs").asLong()).isEqualTo(alerts);
        assertThat(r.at("/fullJob/steadyFlowsPerSecond").isNull()).as("no 10-90% rate from alerts").isTrue();
        assertThat(r.at("/passThrough/alerts").isNull()).isTrue();
        assertThat(r.at("/fullJob/cpuMicrosPerFlow/threads").fieldNames()).toIterable()
                .anySatisfy(t -> assertThat(t).startsWith("score flows"));
        assertThat(r.get("fullToPassThrough").asDouble())
                .isEqualTo(r.at("/fullJob/flowsPerSecond").asDouble() / r.at("/passThrough/flowsPerSecond").asDouble());

        JsonNode l = r.get("latency");
        double rate = l.get("targetFlowsPerSecond").asDouble();
        assertThat(rate).as("half the full job's rate").isEqualTo(r.at("/fullJob/flowsPerSecond").asDouble() / 2);
        assertThat(l.get("flows").asLong()).isEqualTo(Math.round(rate * LATENCY_SECONDS)).isPositive();
        long latencyAlerts = l.get("alerts").asLong();
        assertThat(latencyAlerts).isPositive().isLessThanOrEqualTo(l.get("flows").asLong());
        assertThat(l.at("/produceToAlertReadable/samples").asLong()).as("one sample per alert").isEqualTo(latencyAlerts);
        assertThat(l.at("/produceToScoring/samples").asLong()).isPositive().isLessThanOrEqualTo(latencyAlerts);
        assertThat(l.get("warmupSeconds").asInt()).isEqualTo(WARMUP_SECONDS);
        assertThat(l.at("/cpuMicrosPerFlow/jvmMicros").asDouble()).as("CPU while sending").isPositive();
        assertThat(l.at("/warmup/samples").asLong()).as("the warm-up's alerts are kept apart").isPositive();
        JsonNode checkpoints = l.get("checkpoints");
        assertThat(checkpoints).as("checkpoints every second while sending").isNotEmpty();
        for (JsonNode c : checkpoints) {
            assertThat(c.get("triggeredS").asDouble()).isNotNegative();
            if (c.get("completedS").isNull()) continue;
            assertThat(c.get("completedS").asDouble()).isGreaterThanOrEqualTo(c.get("triggeredS").asDouble());
            assertThat(c.get("megabytes").asDouble()).as("the job's state").isPositive();
        }
        assertThat(checkpoints).anySatisfy(c -> assertThat(c.get("completedS").isNull()).as("completed").isFalse());
        assertThat(run.out()).contains("while sending (s from the first send");
        List<String> csv = Files.readAllLines(dir.resolve("work/latency.csv"));
        assertThat(csv.get(0)).isEqualTo("flow,sent_s,produce_to_scoring_ms,total_ms,warmup");
        assertThat(csv.stream().skip(1).filter(line -> line.endsWith(",0")).count()).as("counted rows").isEqualTo(latencyAlerts);
        assertThat(csv.stream().skip(1).filter(line -> line.endsWith(",1")).count()).isEqualTo(l.at("/warmup/samples").asLong());
        System.out.printf("benchmark-stream with %,d flows: %,d alerts in the full job; latency phase %,d flows, %,d alerts%n",
                FLOWS, alerts, l.get("flows").asLong(), latencyAlerts);
    }
}
