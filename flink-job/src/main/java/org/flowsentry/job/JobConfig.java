package org.flowsentry.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.description.Formatter;
import org.apache.flink.configuration.description.TextElement;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.util.ParameterTool;
import org.flowsentry.job.support.AlertFormat;
import org.flowsentry.job.support.FlowDecoder;
import org.flowsentry.job.support.InputFormat;

/**
 * Every option of the streaming job, as Flink {@link ConfigOption}s (name, type, default, doc),
 * read from a Flink {@link Configuration} or from {@code --key value} arguments. Immutable;
 * {@link #validate} checks the combination at start, so a bad setting fails before submission.
 *
 * <p><b>Before any model.</b> Normally the job starts with an initial bundle
 * ({@link #MODEL_INITIAL_BUNDLE}) and scores from the first flow. Without one, flows are held in
 * keyed state per destination host, at most {@link #MODEL_WAIT_MAX_HELD_PER_HOST} per host and at most
 * {@link #MODEL_WAIT_TIMEOUT} long; when the first model arrives on the model topic they are
 * processed in arrival order. Flows beyond the bound or the time go to the dead-letter topic as
 * UNSCORED, re-encoded as Avro FlowRecords so they can be replayed: nothing is dropped silently.
 * A bounded test input that ends while flows are held loses them (Flink does not fire pending
 * processing-time timers at the end of input); a Kafka input never ends.
 */
public final class JobConfig {
    public static final ConfigOption<String> INPUT_FORMAT = ConfigOptions.key("flowsentry.input.format")
            .stringType().defaultValue(InputFormat.AVRO)
            .withDescription("Format of the flows topic: 'avro' (FlowRecord, Avro single-object encoding), a JSON"
                    + " format ('goflow2', 'pmacct', 'flowsentry-json'; one object per line, several lines per message"
                    + " allowed), or 'csv:<format>' with a CSV format of core (e.g. 'csv:cicflowmeter', 'csv:nsl-kdd').");
    public static final ConfigOption<String> INPUT_CSV_COLUMNS = ConfigOptions.key("flowsentry.input.csv.columns")
            .stringType().noDefaultValue()
            .withDescription("For CSV formats whose files start with a header row: that header line (Kafka lines carry"
                    + " none), e.g. the first line of the dataset file. A message line equal to it is skipped."
                    + " Not needed for header-less formats (nsl-kdd, kdd99, unsw-nb15-raw).");
    public static final ConfigOption<MemorySize> INPUT_MAX_MESSAGE_SIZE = ConfigOptions.key("flowsentry.input.max-message-size")
            .memoryType().defaultValue(MemorySize.parse("1mb"))
            .withDescription("Larger flow messages go to the dead-letter topic as OVERSIZED (first bytes kept).");

    public static final ConfigOption<String> TOPIC_FLOWS = ConfigOptions.key("flowsentry.topic.flows")
            .stringType().defaultValue("flows").withDescription("Topic the flows are read from.");
    public static final ConfigOption<String> TOPIC_ALERTS = ConfigOptions.key("flowsentry.topic.alerts")
            .stringType().defaultValue("alerts").withDescription("Topic flagged flows are written to, keyed by source address.");
    public static final ConfigOption<String> TOPIC_SCORED = ConfigOptions.key("flowsentry.topic.scored-flows")
            .stringType().defaultValue("scored-flows")
            .withDescription("Topic every scored flow is written to when flowsentry.output.emit-scored is true.");
    public static final ConfigOption<String> TOPIC_MODELS = ConfigOptions.key("flowsentry.topic.models")
            .stringType().defaultValue("models")
            .withDescription("Topic of new model bundles (Avro single-object ModelBundle), broadcast to every scorer.");
    public static final ConfigOption<String> TOPIC_DEAD_LETTERS = ConfigOptions.key("flowsentry.topic.dead-letters")
            .stringType().defaultValue("flows-dlq")
            .withDescription("Topic of DeadLetter records: undecodable, invalid, oversized or unscored flows and refused models.");

    public static final ConfigOption<Duration> OUT_OF_ORDERNESS = ConfigOptions.key("flowsentry.event-time.out-of-orderness")
            .durationType().defaultValue(Duration.ofSeconds(5))
            .withDescription("Watermark delay behind the latest flow start seen; older flows count as late (still scored).");
    public static final ConfigOption<Duration> IDLENESS = ConfigOptions.key("flowsentry.event-time.idleness")
            .durationType().defaultValue(Duration.ofMinutes(1))
            .withDescription("A flows partition without data this long stops holding back the watermark (0 = never).");
    public static final ConfigOption<Duration> STATE_TTL = ConfigOptions.key("flowsentry.state.ttl")
            .durationType().defaultValue(Duration.ofHours(2))
            .withDescription("Event time after its last flow at which a host's or pair's context is dropped, once the"
                    + " watermark passes it (bounds memory under spoofed addresses). Keep it at least the bundle's"
                    + " contextIdleResetMs (1 h by default), or hosts idle in between get other features than the trainer"
                    + " computed. Event time stalls while a Kafka partition is idle unless flowsentry.event-time.idleness is set.");

    public static final ConfigOption<String> MODEL_INITIAL_BUNDLE = ConfigOptions.key("flowsentry.model.initial-bundle")
            .stringType().noDefaultValue()
            .withDescription("Bundle file (as `train` writes it) to score with from the start; verified like topic bundles.");
    public static final ConfigOption<List<String>> MODEL_TRUSTED_KEYS = ConfigOptions.key("flowsentry.model.trusted-keys")
            .stringType().asList().defaultValues()
            .withDescription("Public key files (PEM, as `keygen` writes them) whose signatures are trusted; ';'-separated.");
    public static final ConfigOption<Boolean> MODEL_ALLOW_UNSIGNED = ConfigOptions.key("flowsentry.model.allow-unsigned")
            .booleanType().defaultValue(false)
            .withDescription("Accept bundles without a signature (development only).");
    public static final ConfigOption<Integer> MODEL_WAIT_MAX_HELD_PER_HOST = ConfigOptions.key("flowsentry.model.wait.max-held-per-host")
            .intType().defaultValue(1000)
            .withDescription("Before the first model: flows held per destination host; more go to dead letters as UNSCORED (0 = hold none).");
    public static final ConfigOption<Duration> MODEL_WAIT_TIMEOUT = ConfigOptions.key("flowsentry.model.wait.timeout")
            .durationType().defaultValue(Duration.ofMinutes(10))
            .withDescription("Before the first model: how long held flows wait before going to dead letters as UNSCORED.");

    public static final ConfigOption<AlertFormat> ALERT_FORMAT = ConfigOptions.key("flowsentry.output.alert-format")
            .enumType(AlertFormat.class).defaultValue(AlertFormat.AVRO)
            .withDescription("Encoding of alerts (and scored flows): AVRO (single-object Alert) or JSON (plain objects).");
    public static final ConfigOption<Boolean> EMIT_SCORED = ConfigOptions.key("flowsentry.output.emit-scored")
            .booleanType().defaultValue(false)
            .withDescription("Also write every scored flow (flagged or not) to flowsentry.topic.scored-flows.");

    public static final ConfigOption<String> JOB_NAME = ConfigOptions.key("flowsentry.job.name")
            .stringType().defaultValue("FlowSentry").withDescription("Name of the Flink job.");
    public static final ConfigOption<Integer> PARALLELISM = ConfigOptions.key("flowsentry.job.parallelism")
            .intType().defaultValue(-1)
            .withDescription("Parallelism of the job's operators; -1 = the cluster's parallelism.default. The model gate runs at 1.");
    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = ConfigOptions.key("flowsentry.job.checkpoint-interval")
            .durationType().defaultValue(Duration.ofSeconds(30))
            .withDescription("Checkpoint interval (exactly-once checkpoints of state); 0 turns checkpointing off. Each checkpoint"
                    + " writes the whole context state (about 100 MB in benchmark-stream), when latency rises (README, Speed)."
                    + " A failure replays at most this much input; with exactly-once delivery, alerts become readable when the"
                    + " checkpoint commits.");
    public static final ConfigOption<MemorySize> CHECKPOINT_WRITE_RATE = ConfigOptions.key("flowsentry.checkpoint.write-rate")
            .memoryType().defaultValue(MemorySize.parse("48mb"))
            .withDescription("Bytes per second the tasks of one TaskManager (or local run) may write to checkpoints together,"
                    + " when the checkpoint storage is org.flowsentry.job.checkpoint.PacedCheckpointStorageFactory (`job`, `demo`"
                    + " and `benchmark-stream` use it): a heap snapshot otherwise takes a whole core per task while it runs, which"
                    + " flows then wait for. A checkpoint of 100 MB takes about 2 s at the default.");
    public static final ConfigOption<Duration> BUFFER_TIMEOUT = ConfigOptions.key("flowsentry.job.buffer-timeout")
            .durationType().defaultValue(Duration.ofMillis(10))
            .withDescription("Longest a record waits in a partly filled network buffer between the job's tasks (Flink's"
                    + " default is 100 ms per hop); lower means lower latency and a little more CPU at low rates.");
    public static final ConfigOption<DeliveryGuarantee> DELIVERY_GUARANTEE = ConfigOptions.key("flowsentry.job.delivery-guarantee")
            .enumType(DeliveryGuarantee.class).defaultValue(DeliveryGuarantee.AT_LEAST_ONCE)
            .withDescription("Guarantee of the Kafka sinks: at-least-once (duplicates possible after a failure, with the same"
                    + " alertId), exactly-once (Kafka transactions committed on checkpoints), none.");

    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = ConfigOptions.key("flowsentry.kafka.bootstrap-servers")
            .stringType().defaultValue("localhost:9092").withDescription("Kafka bootstrap servers.");
    public static final ConfigOption<String> KAFKA_PROPERTIES_FILE = ConfigOptions.key("flowsentry.kafka.properties-file")
            .stringType().noDefaultValue()
            .withDescription("Java properties file passed through to every Kafka client (SASL/SSL and other client settings).");

    private final Configuration conf;

    private JobConfig(Configuration conf) {
        this.conf = new Configuration(conf);
    }

    public static JobConfig defaults() {
        return new JobConfig(new Configuration());
    }

    public static JobConfig from(Configuration conf) {
        return new JobConfig(conf);
    }

    /** From {@code --flowsentry.input.format goflow2 ...} style arguments (Flink's ParameterTool). */
    public static JobConfig fromArgs(String[] args) {
        return from(Configuration.fromMap(ParameterTool.fromArgs(args).toMap()));
    }

    public static JobConfig fromMap(Map<String, String> values) {
        return from(Configuration.fromMap(values));
    }

    /** A copy with one option changed. */
    public <T> JobConfig with(ConfigOption<T> option, T value) {
        Configuration c = new Configuration(conf);
        c.set(option, value);
        return new JobConfig(c);
    }

    /** The whole configuration, e.g. to hand to Flink. */
    public Configuration configuration() {
        return new Configuration(conf);
    }

    /**
     * Checks the options together; throws with every problem found.
     *
     * @throws IllegalArgumentException naming the option and what is wrong
     */
    public JobConfig validate() {
        List<String> problems = new ArrayList<>();
        try {
            FlowDecoder.create(inputFormat(), csvColumns());
        } catch (IllegalArgumentException e) {
            problems.add(INPUT_FORMAT.key() + ": " + e.getMessage());
        }
        if (maxMessageBytes() < 1) problems.add(INPUT_MAX_MESSAGE_SIZE.key() + " must be positive");
        requireNotNegative(problems, OUT_OF_ORDERNESS);
        requireNotNegative(problems, IDLENESS);
        requireNotNegative(problems, CHECKPOINT_INTERVAL);
        requireNotNegative(problems, MODEL_WAIT_TIMEOUT);
        if (bufferTimeout().isNegative()) problems.add(BUFFER_TIMEOUT.key() + " must not be negative");
        if (checkpointWriteRate().getBytes() < 1) problems.add(CHECKPOINT_WRITE_RATE.key() + " must be positive");
        if (stateTtl().isZero() || stateTtl().isNegative()) problems.add(STATE_TTL.key() + " must be positive");
        if (maxHeldPerHost() < 0) problems.add(MODEL_WAIT_MAX_HELD_PER_HOST.key() + " must be 0 or more");
        if (parallelism() == 0 || parallelism() < -1) problems.add(PARALLELISM.key() + " must be positive or -1");
        for (ConfigOption<String> topic : List.of(TOPIC_FLOWS, TOPIC_ALERTS, TOPIC_MODELS, TOPIC_DEAD_LETTERS, TOPIC_SCORED)) {
            if (conf.get(topic).isBlank()) problems.add(topic.key() + " must not be empty");
        }
        if (!allowUnsigned() && trustedKeyFiles().isEmpty()) {
            problems.add(MODEL_TRUSTED_KEYS.key() + " is empty and unsigned bundles are not allowed: no bundle could be accepted");
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException("invalid job configuration: " + String.join("; ", problems));
        return this;
    }

    private void requireNotNegative(List<String> problems, ConfigOption<Duration> option) {
        if (conf.get(option).isNegative()) problems.add(option.key() + " must not be negative");
    }

    public InputFormat inputFormat() {
        return InputFormat.parse(conf.get(INPUT_FORMAT));
    }

    public String csvColumns() {
        return conf.get(INPUT_CSV_COLUMNS);
    }

    public long maxMessageBytes() {
        return conf.get(INPUT_MAX_MESSAGE_SIZE).getBytes();
    }

    public String flowsTopic() {
        return conf.get(TOPIC_FLOWS);
    }

    public String alertsTopic() {
        return conf.get(TOPIC_ALERTS);
    }

    public String scoredTopic() {
        return conf.get(TOPIC_SCORED);
    }

    public String modelsTopic() {
        return conf.get(TOPIC_MODELS);
    }

    public String deadLettersTopic() {
        return conf.get(TOPIC_DEAD_LETTERS);
    }

    public Duration outOfOrderness() {
        return conf.get(OUT_OF_ORDERNESS);
    }

    public Duration idleness() {
        return conf.get(IDLENESS);
    }

    public Duration stateTtl() {
        return conf.get(STATE_TTL);
    }

    /** The initial bundle file, or null. */
    public Path initialBundle() {
        String p = conf.get(MODEL_INITIAL_BUNDLE);
        return p == null || p.isBlank() ? null : Path.of(p);
    }

    public List<Path> trustedKeyFiles() {
        return conf.get(MODEL_TRUSTED_KEYS).stream().filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    public boolean allowUnsigned() {
        return conf.get(MODEL_ALLOW_UNSIGNED);
    }

    public int maxHeldPerHost() {
        return conf.get(MODEL_WAIT_MAX_HELD_PER_HOST);
    }

    public Duration modelWaitTimeout() {
        return conf.get(MODEL_WAIT_TIMEOUT);
    }

    public AlertFormat alertFormat() {
        return conf.get(ALERT_FORMAT);
    }

    public boolean emitScored() {
        return conf.get(EMIT_SCORED);
    }

    public String jobName() {
        return conf.get(JOB_NAME);
    }

    public int parallelism() {
        return conf.get(PARALLELISM);
    }

    public Duration checkpointInterval() {
        return conf.get(CHECKPOINT_INTERVAL);
    }

    public MemorySize checkpointWriteRate() {
        return conf.get(CHECKPOINT_WRITE_RATE);
    }

    public Duration bufferTimeout() {
        return conf.get(BUFFER_TIMEOUT);
    }

    public DeliveryGuarantee deliveryGuarantee() {
        return conf.get(DELIVERY_GUARANTEE);
    }

    public String kafkaBootstrapServers() {
        return conf.get(KAFKA_BOOTSTRAP_SERVERS);
    }

    /** The Kafka client properties from {@link #KAFKA_PROPERTIES_FILE} (empty when none is set). */
    public Properties kafkaProperties() throws IOException {
        Properties p = new Properties();
        String file = conf.get(KAFKA_PROPERTIES_FILE);
        if (file != null && !file.isBlank()) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                p.load(in);
            }
        }
        return p;
    }

    /** Every option of the job, in the order of this file. */
    public static List<ConfigOption<?>> options() {
        return List.of(INPUT_FORMAT, INPUT_CSV_COLUMNS, INPUT_MAX_MESSAGE_SIZE,
                TOPIC_FLOWS, TOPIC_ALERTS, TOPIC_SCORED, TOPIC_MODELS, TOPIC_DEAD_LETTERS,
                OUT_OF_ORDERNESS, IDLENESS, STATE_TTL,
                MODEL_INITIAL_BUNDLE, MODEL_TRUSTED_KEYS, MODEL_ALLOW_UNSIGNED, MODEL_WAIT_MAX_HELD_PER_HOST, MODEL_WAIT_TIMEOUT,
                ALERT_FORMAT, EMIT_SCORED,
                JOB_NAME, PARALLELISM, CHECKPOINT_INTERVAL, CHECKPOINT_WRITE_RATE, BUFFER_TIMEOUT, DELIVERY_GUARANTEE,
                KAFKA_BOOTSTRAP_SERVERS, KAFKA_PROPERTIES_FILE);
    }

    /** Two lines per option: name and default, then its description; for --help and the docs. */
    public static String describe() {
        StringBuilder sb = new StringBuilder();
        PlainText text = new PlainText();
        for (ConfigOption<?> o : options()) {
            sb.append(o.key()).append(" (default: ").append(o.hasDefaultValue() ? String.valueOf(o.defaultValue()) : "none")
                    .append(")\n    ").append(text.format(o.description())).append('\n');
        }
        return sb.toString();
    }

    /** Flink's description formatter without HTML. */
    private static final class PlainText extends Formatter {
        @Override
        protected void formatLink(StringBuilder state, String link, String description) {
            state.append(description).append(" (").append(link).append(')');
        }

        @Override
        protected void formatLineBreak(StringBuilder state) {
            state.append(' ');
        }

        @Override
        protected void formatText(StringBuilder state, String format, String[] elements, EnumSet<TextElement.TextStyle> styles) {
            state.append(String.format(format, (Object[]) elements));
        }

        @Override
        protected void formatList(StringBuilder state, String[] entries) {
            state.append(String.join(", ", entries));
        }

        @Override
        protected Formatter newInstance() {
            return new PlainText();
        }
    }

    @Override
    public String toString() {
        return conf.toString();
    }
}
