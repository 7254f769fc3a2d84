package org.flowsentry.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.MemorySize;
import org.flowsentry.job.JobConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka clients' settings: the job's defaults, and the properties file winning over them. */
class KafkaIoTest {
    private static final JobConfig CONFIG = JobConfig.defaults()
            .with(JobConfig.KAFKA_BOOTSTRAP_SERVERS, "localhost:9092")
            .with(JobConfig.MODEL_ALLOW_UNSIGNED, true);

    @Test
    void clientsGetTheJobsDefaults() throws Exception {
        KafkaIo kafka = new KafkaIo(CONFIG);
        assertThat(kafka.flowsConsumer())
                .containsEntry("fetch.min.bytes", "65536")
                .containsEntry("fetch.max.wait.ms", "10")
                .containsEntry("fetch.max.bytes", "52428800");
        assertThat(kafka.producer())
                .containsEntry("compression.type", "lz4")
                .containsEntry("linger.ms", "20")
                .containsEntry("batch.size", "131072");
    }

    @Test
    void thePropertiesFileOverridesTheDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "fetch.min.bytes=1\nlinger.ms=0\nsecurity.protocol=SSL\n");
        KafkaIo kafka = new KafkaIo(CONFIG.with(JobConfig.KAFKA_PROPERTIES_FILE, file.toString()));
        assertThat(kafka.flowsConsumer())
                .containsEntry("fetch.min.bytes", "1")
                .containsEntry("fetch.max.wait.ms", "10")
                .containsEntry("security.protocol", "SSL");
        assertThat(kafka.producer())
                .containsEntry("linger.ms", "0")
                .containsEntry("compression.type", "lz4")
                .containsEntry("security.protocol", "SSL");
    }

    @Test
    void fetchesFitTheLargestAllowedMessage() throws Exception {
        KafkaIo kafka = new KafkaIo(CONFIG.with(JobConfig.INPUT_MAX_MESSAGE_SIZE, MemorySize.ofMebiBytes(64)));
        assertThat(kafka.flowsConsumer()).containsEntry("fetch.max.bytes", Long.toString(128L << 20));
    }
}
