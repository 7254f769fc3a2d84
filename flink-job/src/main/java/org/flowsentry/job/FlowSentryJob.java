package org.flowsentry.job;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.flowsentry.core.bundle.BundleFiles;
import org.flowsentry.core.bundle.BundleRefusedException;
import org.flowsentry.core.model.EnsembleScorer;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.job.kafka.KafkaIo;
import org.flowsentry.job.data.RawRecord;
import org.flowsentry.job.operators.DecodeFunction;
import org.flowsentry.job.operators.DestinationFeatures;
import org.flowsentry.job.operators.ModelGate;
import org.flowsentry.job.operators.ScoringFunction;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.DeadLetter;
import org.flowsentry.schema.ModelBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the FlowSentry pipeline from injected streams and sinks, so that tests feed
 * {@code env.fromData(...)} and the Kafka wiring lives elsewhere.
 *
 * <pre>
 * flows (RawRecord) -> decode [uid decode] -> event time + watermarks [uid event-time]
 *   -> keyBy(destination host) + model broadcast -> flow, destination-host and pair features [uid destination-features]
 *   -> keyBy(source host) + model broadcast -> source-host features, scoring [uid scoring]
 *   -> alerts (+ scored flows side output)
 * models (RawRecord) -> keyBy(constant) -> verify [uid model-gate, parallelism 1]
 *   -> watermark at the end of time [uid model-watermarks] -> broadcast to the two above
 * dead letters: side outputs of decode, model-gate, destination-features, scoring (union)
 * </pre>
 *
 * Two keyed operators, because the context needs two keys (destination host, which also holds
 * the pairs; source host); every keyBy moves each flow and its vector through Flink's network
 * stack, so there are no more. The feature layout comes from the model, so both receive the
 * model broadcast; each flow carries the fingerprint of the feature spec its vector was laid out
 * for, and a flow that crossed a spec-changing swap goes to the dead letters instead of being
 * scored with a mismatched vector. Scoring is keyed by source host so each host's alerts leave
 * one subtask in order (the alerts' Kafka key is the source address too, see AlertEncoder).
 *
 * <p>Features equal core's FeatureExtractor bit for bit when each host's flows reach its operator
 * in the input order, which holds at parallelism 1. At higher parallelism the scoring operator
 * merges flows from several destination-host subtasks, so flows of one source to different
 * destinations arriving within the same moment may update its state in another order.
 */
public final class FlowSentryJob {
    private static final Logger LOG = LoggerFactory.getLogger(FlowSentryJob.class);

    /**
     * The outputs of the pipeline; scored is null unless emit-scored is on; featured is every
     * flow with its completed raw vector (attached to nothing in the Kafka job; for tests).
     */
    public record Outputs(DataStream<Alert> alerts, DataStream<Alert> scored, DataStream<DeadLetter> deadLetters,
                          DataStream<FlowEvent> featured) {}

    private final JobConfig config;

    public FlowSentryJob(JobConfig config) {
        this.config = config.validate();
    }

    public JobConfig config() {
        return config;
    }

    /** Parallelism and checkpointing; call before creating the sources. */
    public void configure(StreamExecutionEnvironment env) {
        if (config.parallelism() > 0) env.setParallelism(config.parallelism());
        // Without it, every record passed between chained operators (decode -> event time,
        // scoring -> the sinks) is deep-copied with its serializer: a sixth of the job's CPU in
        // benchmark-stream. Safe here: no operator keeps or changes a record after emitting it,
        // and records arriving over the network are always fresh objects.
        env.getConfig().enableObjectReuse();
        // Flink flushes a partly filled network buffer after 100 ms by default: with two keyed hops
        // that alone could take an alert's latency past 200 ms at moderate rates.
        env.setBufferTimeout(config.bufferTimeout().toMillis());
        long interval = config.checkpointInterval().toMillis();
        // Exactly-once checkpoints keep keyed feature state consistent with the source offsets;
        // the delivery guarantee only chooses how the Kafka sinks write.
        if (interval > 0) env.enableCheckpointing(interval, CheckpointingMode.EXACTLY_ONCE);
    }

    /** Builds the pipeline with the initial bundle and trusted keys named in the configuration. */
    public Outputs build(DataStream<RawRecord> flows, DataStream<RawRecord> models) throws IOException, BundleRefusedException {
        List<PublicKey> trusted = BundleFiles.trustedKeys(config.trustedKeyFiles());
        Path initial = config.initialBundle();
        byte[] bundle = initial == null ? null : loadInitialBundle(initial, trusted, config.allowUnsigned());
        return build(flows, models, bundle, trusted.stream().map(PublicKey::getEncoded).toList());
    }

    /**
     * Builds the pipeline.
     *
     * @param initialBundle single-object bytes of a verified bundle to score with from the start, or null
     * @param trustedKeys X.509 encodings of the public keys whose bundle signatures are trusted
     */
    public Outputs build(DataStream<RawRecord> flows, DataStream<RawRecord> models, byte[] initialBundle, List<byte[]> trustedKeys) {
        SingleOutputStreamOperator<FlowEvent> decoded = decode(flows);
        DataStream<FlowEvent> timed = eventTime(decoded);

        SingleOutputStreamOperator<byte[]> accepted = models
                .keyBy(r -> 0, Types.INT)
                .process(new ModelGate(initialBundle, trustedKeys, config.allowUnsigned()))
                .setParallelism(1).setMaxParallelism(1)
                .uid("model-gate").name("verify model bundles");
        // The model stream has no event time; left alone it would hold the flows' watermark at
        // Long.MIN_VALUE in every operator it is connected to (a two-input operator takes the minimum).
        BroadcastStream<byte[]> model = accepted
                .assignTimestampsAndWatermarks(WatermarkStrategy.forGenerator(ctx -> new EndOfTime<byte[]>()))
                .setParallelism(1).uid("model-watermarks").name("model stream without event time")
                .broadcast(JobDescriptors.model());

        SingleOutputStreamOperator<FlowEvent> withDestination = timed
                .keyBy(FlowEvent::destinationKey, JobDescriptors.HOST_KEY)
                .connect(model)
                .process(new DestinationFeatures(initialBundle, config.stateTtl(), config.maxHeldPerHost(), config.modelWaitTimeout()))
                .uid("destination-features").name("destination-host and pair features");

        SingleOutputStreamOperator<Alert> alerts = withDestination
                .keyBy(FlowEvent::sourceKey, JobDescriptors.HOST_KEY)
                .connect(model)
                .process(new ScoringFunction(initialBundle, config.stateTtl(), config.emitScored()))
                .uid("scoring").name("score flows with source-host features");

        DataStream<DeadLetter> deadLetters = decoded.getSideOutput(JobDescriptors.DEAD_LETTERS).union(
                accepted.getSideOutput(JobDescriptors.DEAD_LETTERS),
                withDestination.getSideOutput(JobDescriptors.DEAD_LETTERS),
                alerts.getSideOutput(JobDescriptors.DEAD_LETTERS));
        DataStream<Alert> scored = config.emitScored() ? alerts.getSideOutput(JobDescriptors.SCORED) : null;
        return new Outputs(alerts, scored, deadLetters, alerts.getSideOutput(JobDescriptors.FEATURED));
    }

    /** Raw messages to flows; what cannot be used goes to the DEAD_LETTERS side output. */
    private SingleOutputStreamOperator<FlowEvent> decode(DataStream<RawRecord> flows) {
        return flows
                .process(new DecodeFunction(config.inputFormat().spec(), config.csvColumns(), config.maxMessageBytes()))
                .uid("decode").name("decode flows");
    }

    private DataStream<FlowEvent> eventTime(DataStream<FlowEvent> decoded) {
        WatermarkStrategy<FlowEvent> watermarks = WatermarkStrategy
                .<FlowEvent>forBoundedOutOfOrderness(config.outOfOrderness())
                .withTimestampAssigner((e, recordTimestamp) -> e.eventTimeMs);
        if (!config.idleness().isZero()) watermarks = watermarks.withIdleness(config.idleness());
        return decoded.assignTimestampsAndWatermarks(watermarks).uid("event-time").name("event time");
    }

    /** Watermarks at the end of time: a stream that must never hold back event time. */
    static final class EndOfTime<T> implements WatermarkGenerator<T> {
        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }
    }

    /** Connects the outputs to their sinks; scored may be null when emit-scored is off. */
    public static void attach(Outputs outputs, Sink<Alert> alerts, Sink<Alert> scored, Sink<DeadLetter> deadLetters) {
        outputs.alerts().sinkTo(alerts).uid("alerts-sink").name("alerts");
        if (outputs.scored() != null && scored != null) outputs.scored().sinkTo(scored).uid("scored-sink").name("scored flows");
        outputs.deadLetters().sinkTo(deadLetters).uid("dead-letters-sink").name("dead letters");
    }

    /** Configures the environment, builds the pipeline on these inputs and sinks, and runs it. */
    public JobExecutionResult execute(StreamExecutionEnvironment env, DataStream<RawRecord> flows, DataStream<RawRecord> models,
                                      Sink<Alert> alerts, Sink<Alert> scored, Sink<DeadLetter> deadLetters) throws Exception {
        attach(build(flows, models), alerts, scored, deadLetters);
        return env.execute(config.jobName());
    }

    /**
     * Runs the job on Kafka: {@code --flowsentry.kafka.bootstrap-servers host:9092
     * --flowsentry.model.initial-bundle bundle.avro ...} (every option: {@link JobConfig#describe()}).
     * This is the entry point of the shaded jar on a Flink cluster and of `flowsentry job`.
     */
    public static void main(String[] args) throws Exception {
        FlowSentryJob job = new FlowSentryJob(JobConfig.fromArgs(args));
        job.runOnKafka(StreamExecutionEnvironment.getExecutionEnvironment());
    }

    /** Wires the Kafka sources and sinks of the configuration and runs the pipeline in env. */
    public JobExecutionResult runOnKafka(StreamExecutionEnvironment env) throws Exception {
        wireKafka(env);
        return env.execute(config.jobName());
    }

    /** As {@link #runOnKafka}, but returns once the job is submitted; the client cancels it (the demo does). */
    public org.apache.flink.core.execution.JobClient startOnKafka(StreamExecutionEnvironment env) throws Exception {
        wireKafka(env);
        return env.executeAsync(config.jobName());
    }

    /**
     * The baseline of `flowsentry benchmark-stream`, returning once submitted: the job's Kafka
     * source, decoding and event time as {@link #startOnKafka} runs them, then every decoded flow
     * re-encoded as a FlowRecord to the scored-flows topic by the same kind of Kafka sink (dead
     * letters to theirs); no features, no model, no scoring. What the full job costs beyond it is
     * what features and scoring cost.
     */
    public org.apache.flink.core.execution.JobClient startPassThroughOnKafka(StreamExecutionEnvironment env) throws Exception {
        configure(env);
        KafkaIo kafka = new KafkaIo(config);
        SingleOutputStreamOperator<FlowEvent> decoded = decode(flowsFromKafka(env, kafka));
        eventTime(decoded).sinkTo(kafka.passThrough()).uid("pass-through-sink").name("decoded flows");
        decoded.getSideOutput(JobDescriptors.DEAD_LETTERS).sinkTo(kafka.deadLetters()).uid("dead-letters-sink").name("dead letters");
        return env.executeAsync(config.jobName() + " pass-through");
    }

    private DataStream<RawRecord> flowsFromKafka(StreamExecutionEnvironment env, KafkaIo kafka) {
        return env.fromSource(kafka.flows(), WatermarkStrategy.noWatermarks(), "kafka: " + config.flowsTopic())
                .uid("flows-source").name("flows from Kafka");
    }

    private void wireKafka(StreamExecutionEnvironment env) throws Exception {
        configure(env);
        KafkaIo kafka = new KafkaIo(config);
        DataStream<RawRecord> flows = flowsFromKafka(env, kafka);
        DataStream<RawRecord> models = env.fromSource(kafka.models(), WatermarkStrategy.noWatermarks(), "kafka: " + config.modelsTopic())
                .setParallelism(1).uid("models-source").name("model bundles from Kafka");
        Sink<Alert> scored = config.emitScored() ? kafka.scored() : null;
        attach(build(flows, models), kafka.alerts(), scored, kafka.deadLetters());
    }

    /**
     * Reads and verifies the bundle file given at start (a refused one stops the job before it
     * runs) and returns its single-object bytes, the form the operators keep.
     */
    public byte[] loadInitialBundle(Path file, List<PublicKey> trusted, boolean allowUnsigned) throws IOException, BundleRefusedException {
        ModelBundle bundle = BundleFiles.read(file);
        EnsembleScorer scorer = BundleFiles.accept(bundle, trusted, allowUnsigned);
        long idleResetMs = bundle.getFeatureSpec().getContextIdleResetMs();
        if (scorer.layout().hasContext() && config.stateTtl().toMillis() < idleResetMs) {
            LOG.warn("{} ({}) is shorter than the bundle's contextIdleResetMs ({} ms): hosts idle in between lose their"
                    + " context earlier than the trainer assumed", JobConfig.STATE_TTL.key(), config.stateTtl(), idleResetMs);
        }
        LOG.info("initial model {} v{} from {}", bundle.getModelId(), bundle.getModelVersion(), file);
        return AvroWire.MODEL_BUNDLE.encode(bundle);
    }
}
