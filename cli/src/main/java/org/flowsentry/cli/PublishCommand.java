package org.flowsentry.cli;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flowsentry.core.model.EnsembleScorer;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.kafka.FlowSentryTopics;
import org.flowsentry.schema.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Verifies a model bundle as the job will and puts it on the models topic, where a running job picks it up. */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Put a model bundle on the models topic. A running job verifies it and, if it is newer than the "
                + "model it has, switches to it without a restart.",
                "",
                "The bundle is first checked here as the job checks it: one that is unsigned (without --allow-unsigned), "
                        + "signed by a key not given with --trusted-key, changed after signing, or unfit for this FlowSentry "
                        + "is refused, and nothing is sent.",
                ""},
        footer = {"", "Example:",
                "  flowsentry publish --model bundle.avro --trusted-key flowsentry.pub"})
final class PublishCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", defaultValue = FlowSentryTopics.MODELS, paramLabel = "TOPIC",
            description = "Topic of model bundles (default: ${DEFAULT-VALUE}).")
    String topic;

    private static final long SEND_TIMEOUT_SECONDS = 120;

    @Override
    public Integer call() throws Exception {
        EnsembleScorer accepted = model.load(); // refuses what the job would refuse, before anything is sent
        ModelBundle bundle = accepted.bundle();
        byte[] value = AvroWire.MODEL_BUNDLE.encode(bundle);
        if (value.length > FlowSentryTopics.MODELS_MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException(model.model + ": the bundle is " + value.length + " bytes; the models topic takes at most "
                    + FlowSentryTopics.MODELS_MAX_MESSAGE_BYTES + " (16 MiB)");
        }
        RecordMetadata meta;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            // Keyed by model id: the bundles of one model line stay in order in one partition.
            ProducerRecord<byte[], byte[]> record =
                    new ProducerRecord<>(topic, bundle.getModelId().getBytes(StandardCharsets.UTF_8), value);
            meta = producer.send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish to topic " + topic + " at " + kafka.bootstrap + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from " + kafka.bootstrap + " within " + SEND_TIMEOUT_SECONDS + " s", e);
        }
        System.out.printf("published model %s v%d (%,d bytes, %s, %d detectors) to topic %s at %s: partition %d, offset %d%n",
                bundle.getModelId(), bundle.getModelVersion(), value.length,
                bundle.getSignature() == null ? "UNSIGNED" : "signed by key " + bundle.getSignature().getKeyId(),
                accepted.detectorNames().size(), topic, kafka.bootstrap, meta.partition(), meta.offset());
        return 0;
    }

    /** A bundle is one large message: raise the request limit to the topic's 16 MiB; idempotent so a retry never doubles it. */
    private Properties producerProperties() throws java.io.IOException {
        Properties p = kafka.properties();
        p.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(FlowSentryTopics.MODELS_MAX_MESSAGE_BYTES));
        p.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
        p.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "flowsentry-publish");
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000"); // an unreachable broker is an error after 30 s, not 60
        return p;
    }
}
