package org.flowsentry.job.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flowsentry.core.bundle.BundleFiles;
import org.flowsentry.core.bundle.BundleKeys;
import org.flowsentry.core.generate.GeneratorOptions;
import org.flowsentry.core.generate.ScenarioKind;
import org.flowsentry.core.generate.ScenarioSpec;
import org.flowsentry.core.generate.TrafficGenerator;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.core.wire.WireFormatException;
import org.flowsentry.job.JobConfig;
import org.flowsentry.job.TestModels;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.job.support.AlertFormat;
import org.flowsentry.job.support.Alerts;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.DeadLetter;
import org.flowsentry.schema.FlowRecord;
import org.flowsentry.schema.ModelBundle;

/** Inputs, configuration and decoders shared by the Kafka ITs. */
public final class KafkaJobFixtures {
    /** The attacks of {@link #attackScenario()}. */
    public static final List<ScenarioKind> ATTACKS = List.of(ScenarioKind.VERTICAL_PORT_SCAN, ScenarioKind.SLOWLORIS,
            ScenarioKind.HORIZONTAL_PORT_SCAN);
    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaJobFixtures() {}

    /**
     * Four minutes of the default generated site with a vertical port scan (0:40-0:48), Slowloris
     * (1:30-2:10) and a horizontal port scan (2:45-3:05): 4,775 flows (2,785 benign), seeded.
     */
    public static List<FlowRecord> attackScenario() {
        GeneratorOptions options = GeneratorOptions.defaults().withDuration(Duration.ofMinutes(4)).withScenarios(List.of(
                new ScenarioSpec(ScenarioKind.VERTICAL_PORT_SCAN, Duration.ofSeconds(40), Duration.ofSeconds(8), 1),
                new ScenarioSpec(ScenarioKind.SLOWLORIS, Duration.ofSeconds(90), Duration.ofSeconds(40), 1),
                new ScenarioSpec(ScenarioKind.HORIZONTAL_PORT_SCAN, Duration.ofSeconds(165), Duration.ofSeconds(20), 1)));
        return new TrafficGenerator(options).stream().toList();
    }

    /** The public key that signs {@link TestModels}' bundles, as a PEM file the job reads. */
    public static Path writeTrustedKey(Path dir) {
        try {
            Files.createDirectories(dir);
            Path pub = dir.resolve("trusted.pub");
            BundleKeys.write(TestModels.KEYS, dir.resolve("signing.key"), pub);
            return pub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundle as a file, as `train` writes it, for flowsentry.model.initial-bundle. */
    public static Path writeBundle(Path dir, ModelBundle bundle) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(bundle.getModelId() + "-v" + bundle.getModelVersion() + ".avro");
            BundleFiles.write(bundle, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The job on these topics at parallelism 2, checkpoints every 500 ms, every scored flow also
     * on the scored topic (so a test knows when every flow went through), signed bundles only.
     */
    public static JobConfig config(String bootstrap, JobTopics topics, Path initialBundle, Path trustedKey, String jobName) {
        return JobConfig.defaults()
                .with(JobConfig.KAFKA_BOOTSTRAP_SERVERS, bootstrap)
                .with(JobConfig.TOPIC_FLOWS, topics.flows())
                .with(JobConfig.TOPIC_ALERTS, topics.alerts())
                .with(JobConfig.TOPIC_SCORED, topics.scored())
                .with(JobConfig.TOPIC_MODELS, topics.models())
                .with(JobConfig.TOPIC_DEAD_LETTERS, topics.deadLetters())
                .with(JobConfig.MODEL_INITIAL_BUNDLE, initialBundle.toString())
                .with(JobConfig.MODEL_TRUSTED_KEYS, List.of(trustedKey.toString()))
                .with(JobConfig.PARALLELISM, 2)
                .with(JobConfig.CHECKPOINT_INTERVAL, Duration.ofMillis(500))
                .with(JobConfig.EMIT_SCORED, true)
                .with(JobConfig.JOB_NAME, jobName);
    }

    /** Cluster settings of the ITs' MiniClusters: a failing job fails the test at once instead of restarting. */
    public static Configuration noRestarts() {
        Configuration c = new Configuration();
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return c;
    }

    /** The MiniCluster's environment (set up by MiniClusterExtension) with no silent Kryo fallback. */
    public static StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration c = new Configuration();
        c.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(c);
        return env;
    }

    /** Flow i as an Avro single-object message, spread round-robin over the partitions. */
    public static ProducerRecord<byte[], byte[]> flowMessage(JobTopics topics, int i, FlowRecord flow) {
        return new ProducerRecord<>(topics.flows(), i % topics.flowPartitions(), null, AvroWire.FLOW_RECORD.encode(flow));
    }

    public static List<ProducerRecord<byte[], byte[]>> flowMessages(JobTopics topics, List<FlowRecord> flows, int firstIndex) {
        return IntStream.range(0, flows.size()).mapToObj(i -> flowMessage(topics, firstIndex + i, flows.get(i))).toList();
    }

    /** The id the job gives the alert of this flow from this model (it does not depend on where the flow was read). */
    public static String alertId(FlowRecord flow, String modelId, long modelVersion) {
        return new Alerts().alertId(new FlowEvent(flow, flow.getStartMs(), "", 0, 0), modelId, modelVersion);
    }

    /** The fields of an alert the ITs check, from either wire format. */
    public record AlertView(String alertId, String srcAddr, String label, long modelVersion, boolean flagged,
                            long detectedAtMs, String severity, int detectors) {
        public static AlertView of(ConsumerRecord<byte[], byte[]> r, AlertFormat format) {
            return format == AlertFormat.AVRO ? of(alert(r)) : ofJson(r.value());
        }

        public static AlertView of(Alert a) {
            return new AlertView(a.getAlertId(), a.getSrcAddr(), a.getLabel(), a.getModelVersion(), a.getFlagged(),
                    a.getDetectedAtMs(), a.getSeverity().name(), a.getDetectors().size());
        }

        static AlertView ofJson(byte[] value) {
            try {
                JsonNode n = JSON.readTree(value);
                return new AlertView(n.get("alertId").asText(), n.get("srcAddr").asText(), n.get("label").asText(),
                        n.get("modelVersion").asLong(), n.get("flagged").asBoolean(), n.get("detectedAtMs").asLong(),
                        n.get("severity").asText(), n.get("detectors").size());
            } catch (IOException | RuntimeException e) {
                throw new AssertionError("not a JSON alert: " + new String(value, StandardCharsets.UTF_8), e);
            }
        }
    }

    public static Alert alert(ConsumerRecord<byte[], byte[]> r) {
        try {
            return AvroWire.ALERT.decode(r.value());
        } catch (WireFormatException e) {
            throw new AssertionError("not an Avro Alert at " + r.topic() + "-" + r.partition() + "@" + r.offset(), e);
        }
    }

    public static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> r) {
        try {
            return AvroWire.DEAD_LETTER.decode(r.value());
        } catch (WireFormatException e) {
            throw new AssertionError("not an Avro DeadLetter at " + r.topic() + "-" + r.partition() + "@" + r.offset(), e);
        }
    }

    /** The bytes of an Avro bytes field (null stays null). */
    public static byte[] bytes(ByteBuffer b) {
        if (b == null) return null;
        ByteBuffer copy = b.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
