package org.flowsentry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The deployment file is valid for docker-compose (no Docker engine runs here, so this is what can be checked). */
class ComposeFileIT {
    private static final Path COMPOSE = Path.of("..", "docker-compose.yml").toAbsolutePath().normalize();

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("docker-compose finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void composeFileIsValidAndHasTheStackAndItsOneShotServices() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/docker-compose")),
                "skipped: docker-compose is not installed (Debian package docker-compose; .ci/run installs it)");
        run("docker-compose", "-f", COMPOSE.toString(), "config", "-q");
        List<String> services = run("docker-compose", "-f", COMPOSE.toString(), "config", "--services").lines().toList();
        assertThat(services).containsExactlyInAnyOrder("kafka", "create-topics", "jobmanager", "taskmanager", "train-model", "submit-job");
        String config = run("docker-compose", "-f", COMPOSE.toString(), "config");
        assertThat(config).contains("image: flink:2.2.1-java17").contains("image: apache/kafka:4.2.0")
                .contains("checkpoints:/checkpoints").contains("flowsentry-flink-job-");
    }
}
