package org.flowsentry.job.kafka;

import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.job.JobConfig;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.job.data.RawRecord;
import org.flowsentry.job.data.RawRecordDeserializer;
import org.flowsentry.job.support.AlertEncoder;
import org.flowsentry.job.support.AlertFormat;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.DeadLetter;

/**
 * The job's Kafka sources and sinks, built from the configuration. Kafka client settings from the
 * properties file (SASL/SSL, ...) are passed to every client unchanged.
 */
public final class KafkaIo {
    /** Consumer group of the flows source; offsets are also kept in Flink's checkpoints. */
    public static final String GROUP_ID = "flowsentry-job";
    /** Model bundles can be several MB; the models topic allows 16 MiB messages. */
    static final int MAX_MODEL_BYTES = 16 * 1024 * 1024;
    /**
     * Kafka transaction timeout of the exactly-once sinks unless the properties file sets
     * transaction.timeout.ms: a broker's default transaction.max.timeout.ms (15 min). The
     * connector's own default (1 h) is above it, and such a broker refuses the producers, so the
     * job could not start. A transaction open longer than this (checkpoint plus restart) is
     * aborted by the broker and its records are lost: for longer outages raise both settings.
     */
    static final String DEFAULT_TRANSACTION_TIMEOUT_MS = Long.toString(15 * 60 * 1000L);

    /**
     * Consumer settings of the flows source unless the properties file sets them: a fetch waits
     * for 64 KiB or 10 ms, whichever comes first. With Kafka's defaults (1 byte) a job keeping up
     * with live flows fetched every few milliseconds whatever arrived: in benchmark-stream's
     * latency phase (about 23,000 flows/s) the broker took 17.9 µs of CPU per flow and the fetcher
     * 3.2; with these 13.2 and 1.7, for at most 10 ms more latency at low rates.
     */
    private static final Map<String, String> SOURCE_DEFAULTS = Map.of(
            ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(64 * 1024),
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");

    /** Producer settings of the sinks unless the properties file sets them (see {@link #sink}). */
    private static final Map<String, String> SINK_DEFAULTS = Map.of(
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024),
            ProducerConfig.LINGER_MS_CONFIG, "20");

    private final JobConfig config;
    private final Properties clientProperties;

    public KafkaIo(JobConfig config) throws IOException {
        this.config = config;
        if (config.kafkaBootstrapServers() == null || config.kafkaBootstrapServers().isBlank()) {
            throw new IllegalArgumentException(JobConfig.KAFKA_BOOTSTRAP_SERVERS.key() + " is required to run on Kafka");
        }
        this.clientProperties = config.kafkaProperties();
    }

    /** Flows: from the committed offsets of the job's group, or the earliest ones on first start. */
    public KafkaSource<RawRecord> flows() {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(config.kafkaBootstrapServers())
                .setTopics(config.flowsTopic())
                .setGroupId(GROUP_ID)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRecordDeserializer())
                .setProperties(flowsConsumer())
                .build();
    }

    /** The flows source's consumer settings: the properties file, SOURCE_DEFAULTS where it is silent, fetches that fit the largest message. */
    Properties flowsConsumer() {
        Properties p = withDefaults(SOURCE_DEFAULTS);
        p.setProperty(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Long.toString(Math.max(config.maxMessageBytes() * 2, 52_428_800L)));
        return p;
    }

    /** The sinks' producer settings: the properties file, SINK_DEFAULTS where it is silent. */
    Properties producer() {
        return withDefaults(SINK_DEFAULTS);
    }

    private Properties withDefaults(Map<String, String> defaults) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        defaults.forEach(p::putIfAbsent);
        return p;
    }

    /**
     * Models: always the whole topic from the start, so a job started from scratch finds the
     * current model; the model gate ignores bundles that are not newer than the one it has.
     */
    public KafkaSource<RawRecord> models() {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(config.kafkaBootstrapServers())
                .setTopics(config.modelsTopic())
                .setGroupId(GROUP_ID + "-models")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RawRecordDeserializer())
                .setProperties(clientProperties)
                .setProperty("max.partition.fetch.bytes", Integer.toString(MAX_MODEL_BYTES))
                .setProperty("fetch.max.bytes", Integer.toString(MAX_MODEL_BYTES))
                .build();
    }

    /** Alerts keyed by source address, so that a consumer gets each host's alerts in order. */
    public KafkaSink<Alert> alerts() {
        return alerts(config.alertsTopic(), "alerts");
    }

    /**
     * Every scored flow (emit-scored), encoded and keyed like the alerts. A sink of its own name:
     * with exactly-once, two sinks with one transactional id prefix fail the job at start.
     */
    public KafkaSink<Alert> scored() {
        return alerts(config.scoredTopic(), "scored");
    }

    private KafkaSink<Alert> alerts(String topic, String name) {
        return sink(name, new AlertRecords(topic, config.alertFormat()));
    }

    /**
     * Alerts as Kafka records. Record time = detection time: a replayed old capture must not age
     * out by retention the moment it is written; the flow's event time is in the alert itself.
     */
    static final class AlertRecords implements KafkaRecordSerializationSchema<Alert> {
        private static final long serialVersionUID = 1L;

        private final String topic;
        private final AlertFormat format;
        private transient AlertEncoder encoder; // per sink subtask: it owns the encoder's buffers

        AlertRecords(String topic, AlertFormat format) {
            this.topic = topic;
            this.format = format;
        }

        @Override
        public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
            encoder = new AlertEncoder(format);
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(Alert alert, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, alert.getDetectedAtMs(), AlertEncoder.key(alert), encoder.value(alert));
        }
    }

    /**
     * Decoded flows re-encoded as FlowRecords to the scored-flows topic, keyed like the alerts:
     * the output of the pass-through baseline ({@code FlowSentryJob#startPassThroughOnKafka}).
     * Record time = the send time, as the alerts' is their detection time.
     */
    public KafkaSink<FlowEvent> passThrough() {
        String topic = config.scoredTopic();
        return sink("pass-through", (KafkaRecordSerializationSchema<FlowEvent>) (e, context, timestamp) ->
                new ProducerRecord<>(topic, null, null, AlertEncoder.key(e.flow.getSrcAddr()), AvroWire.FLOW_RECORD.encode(e.flow)));
    }

    public KafkaSink<DeadLetter> deadLetters() {
        String topic = config.deadLettersTopic();
        return sink("dead-letters", (KafkaRecordSerializationSchema<DeadLetter>) (letter, context, timestamp) ->
                new ProducerRecord<>(topic, null, letter.getFailedAtMs(), null, AvroWire.DEAD_LETTER.encode(letter)));
    }

    /**
     * lz4, 128 KiB batches and 20 ms linger unless the properties file says otherwise: a scored
     * flow is about 550 bytes of Avro, mostly detector and feature names repeated in every record.
     * In benchmark-stream the uncompressed records cost the broker more CPU than all the features,
     * and with Kafka's 5 ms linger a job scoring 15,000 flows/s sent batches of about 70 records:
     * each batch allocates its own lz4 buffers and costs the broker a request. 20 ms is the most
     * it adds to an alert's latency.
     */
    private <T> KafkaSink<T> sink(String name, KafkaRecordSerializationSchema<T> schema) {
        DeliveryGuarantee guarantee = config.deliveryGuarantee();
        var builder = KafkaSink.<T>builder()
                .setBootstrapServers(config.kafkaBootstrapServers())
                .setKafkaProducerConfig(producer())
                .setRecordSerializer(schema)
                .setDeliveryGuarantee(guarantee);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            // Transactions commit on checkpoints; the prefix must be unique per job and sink.
            builder.setTransactionalIdPrefix(config.jobName().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + name);
            if (!clientProperties.containsKey(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)) {
                builder.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, DEFAULT_TRANSACTION_TIMEOUT_MS);
            }
        }
        return builder.build();
    }
}
