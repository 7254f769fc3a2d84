package org.flowsentry.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.flowsentry.job.support.AlertFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {
    static final JobConfig UNSIGNED_OK = JobConfig.defaults().with(JobConfig.MODEL_ALLOW_UNSIGNED, true);

    @Test
    void defaultsAreTheDocumentedOnes() {
        JobConfig c = UNSIGNED_OK.validate();
        assertThat(c.inputFormat().isAvro()).isTrue();
        assertThat(c.maxMessageBytes()).isEqualTo(1 << 20);
        assertThat(c.flowsTopic()).isEqualTo("flows");
        assertThat(c.alertsTopic()).isEqualTo("alerts");
        assertThat(c.scoredTopic()).isEqualTo("scored-flows");
        assertThat(c.modelsTopic()).isEqualTo("models");
        assertThat(c.deadLettersTopic()).isEqualTo("flows-dlq");
        assertThat(c.outOfOrderness()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.idleness()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.stateTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(c.initialBundle()).isNull();
        assertThat(c.trustedKeyFiles()).isEmpty();
        assertThat(c.maxHeldPerHost()).isEqualTo(1000);
        assertThat(c.modelWaitTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.alertFormat()).isEqualTo(AlertFormat.AVRO);
        assertThat(c.emitScored()).isFalse();
        assertThat(c.parallelism()).isEqualTo(-1);
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    }

    @Test
    void argumentsSetTypedOptions() {
        JobConfig c = JobConfig.fromArgs(new String[] {
                "--flowsentry.input.format", "csv:nsl-kdd",
                "--flowsentry.input.max-message-size", "64kb",
                "--flowsentry.state.ttl", "90 min",
                "--flowsentry.model.trusted-keys", "a.pub;b.pub",
                "--flowsentry.output.alert-format", "json",
                "--flowsentry.output.emit-scored", "true",
                "--flowsentry.job.parallelism", "2",
                "--flowsentry.job.delivery-guarantee", "exactly-once"}).validate();
        assertThat(c.inputFormat().spec()).isEqualTo("csv:nsl-kdd");
        assertThat(c.maxMessageBytes()).isEqualTo(64 * 1024);
        assertThat(c.stateTtl()).isEqualTo(Duration.ofMinutes(90));
        assertThat(c.trustedKeyFiles()).containsExactly(Path.of("a.pub"), Path.of("b.pub"));
        assertThat(c.alertFormat()).isEqualTo(AlertFormat.JSON);
        assertThat(c.emitScored()).isTrue();
        assertThat(c.parallelism()).isEqualTo(2);
        assertThat(c.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
    }

    @Test
    void badCombinationsFailWithEveryProblemNamed() {
        JobConfig bad = JobConfig.fromMap(Map.of(
                "flowsentry.input.format", "csv:cicflowmeter",
                "flowsentry.state.ttl", "0 s",
                "flowsentry.job.parallelism", "0",
                "flowsentry.checkpoint.write-rate", "0b",
                "flowsentry.topic.alerts", " "));
        assertThatThrownBy(bad::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flowsentry.input.csv.columns")
                .hasMessageContaining("flowsentry.state.ttl must be positive")
                .hasMessageContaining("flowsentry.job.parallelism")
                .hasMessageContaining("flowsentry.checkpoint.write-rate must be positive")
                .hasMessageContaining("flowsentry.topic.alerts must not be empty")
                .hasMessageContaining("no bundle could be accepted");
        assertThatThrownBy(() -> UNSIGNED_OK.with(JobConfig.INPUT_FORMAT, "parquet").validate())
                .hasMessageContaining("unknown input format 'parquet'").hasMessageContaining("goflow2");
        assertThatThrownBy(() -> UNSIGNED_OK.with(JobConfig.INPUT_FORMAT, "csv:goflow2").validate())
                .hasMessageContaining("not a CSV format");
    }

    @Test
    void everyOptionHasADescriptionAndIsDescribed() {
        List<ConfigOption<?>> options = JobConfig.options();
        List<Object> declared = java.util.Arrays.stream(JobConfig.class.getFields())
                .filter(f -> java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class)
                .map(f -> {
                    try {
                        return f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }).toList();
        assertThat(options).hasSize(26).containsExactlyInAnyOrderElementsOf(declared.stream().map(o -> (ConfigOption<?>) o).toList());
        String text = JobConfig.describe();
        for (ConfigOption<?> o : options) {
            assertThat(o.key()).startsWith("flowsentry.");
            assertThat(o.description().getBlocks()).isNotEmpty();
            assertThat(text).contains(o.key() + " (default: ");
        }
        assertThat(text).contains("'csv:<format>'").doesNotContain("&lt;");
    }

    @Test
    void kafkaClientPropertiesComeFromTheirFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");
        JobConfig c = UNSIGNED_OK.with(JobConfig.KAFKA_PROPERTIES_FILE, file.toString());
        assertThat(c.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN");
        assertThat(UNSIGNED_OK.kafkaProperties()).isEmpty();
    }
}
