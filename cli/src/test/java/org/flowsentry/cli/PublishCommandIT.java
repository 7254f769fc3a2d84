package org.flowsentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flowsentry.core.bundle.BundleFiles;
import org.flowsentry.core.bundle.BundleKeys;
import org.flowsentry.core.bundle.BundleSignatures;
import org.flowsentry.core.bundle.TestBundles;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.kafka.FlowSentryTopics;
import org.flowsentry.kafka.TopicSpec;
import org.flowsentry.kafka.testing.KafkaBrokerExtension;
import org.flowsentry.schema.KMeansModel;
import org.flowsentry.schema.ModelBundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `flowsentry publish` against a real broker: verified bundles arrive intact, refused ones send nothing. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PublishCommandIT {
    @TempDir
    static Path dir;
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    static String bootstrap;
    static KeyPair key;
    static Path trusted;

    @BeforeAll
    static void makeAKey() throws Exception {
        bootstrap = KAFKA.bootstrapServers();
        key = BundleKeys.generate();
        trusted = dir.resolve("ops.pub");
        BundleKeys.write(key, dir.resolve("ops.key"), trusted);
    }

    /** A models topic as `flowsentry kafka` creates it (16 MiB messages, kept forever), under another name. */
    static String modelsTopic(String name) {
        TopicSpec models = FlowSentryTopics.all().stream().filter(t -> t.name().equals(FlowSentryTopics.MODELS)).findFirst().orElseThrow();
        KAFKA.broker().createTopics(new TopicSpec(name, 1, models.configs()));
        return name;
    }

    static Path write(ModelBundle bundle, String name) throws Exception {
        Path file = dir.resolve(name);
        BundleFiles.write(bundle, file);
        return file;
    }

    static ModelBundle signed(ModelBundle bundle) {
        return BundleSignatures.sign(bundle, key.getPrivate(), key.getPublic());
    }

    @Test
    void aSignedBundleArrivesAsTheJobReadsIt() throws Exception {
        String topic = modelsTopic("models-signed");
        ModelBundle bundle = signed(TestBundles.kmeans(7));
        Path file = write(bundle, "signed.avro");
        CliRun run = CliRun.run("publish", "--bootstrap", bootstrap, "--topic", topic, "--model", file.toString(),
                "--trusted-key", trusted.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        int size = AvroWire.MODEL_BUNDLE.encode(bundle).length;
        assertThat(run.out()).contains(String.format("published model test-model v7 (%,d bytes, signed by key %s, 3 detectors) to topic %s",
                size, BundleKeys.keyId(key.getPublic()), topic), "partition 0, offset 0");

        List<ConsumerRecord<byte[], byte[]>> records = KafkaTopics.readAll(bootstrap, topic);
        assertThat(records).hasSize(1);
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("test-model");
        ModelBundle read = AvroWire.MODEL_BUNDLE.decode(records.get(0).value());
        assertThat(read).isEqualTo(bundle);
        BundleSignatures.verify(read, List.of(key.getPublic()), false); // still verifies where the job reads it
    }

    @Test
    void aBundleTheJobWouldRefuseIsRefusedHereAndNothingIsSent() throws Exception {
        String topic = modelsTopic("models-refused");
        Path unsigned = write(TestBundles.kmeans(8), "unsigned.avro");
        CliRun run = CliRun.run("publish", "--bootstrap", bootstrap, "--topic", topic, "--model", unsigned.toString(),
                "--trusted-key", trusted.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("flowsentry publish: " + unsigned + ": refused: model test-model v8 is not signed;"
                + " sign it with `train --key` or allow unsigned bundles explicitly");

        KeyPair stranger = BundleKeys.generate();
        Path untrusted = write(BundleSignatures.sign(TestBundles.kmeans(9), stranger.getPrivate(), stranger.getPublic()), "untrusted.avro");
        run = CliRun.run("publish", "--bootstrap", bootstrap, "--topic", topic, "--model", untrusted.toString(),
                "--trusted-key", trusted.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("refused: model test-model v9 is signed by key " + BundleKeys.keyId(stranger.getPublic())
                + ", which is not trusted");

        ModelBundle tampered = signed(TestBundles.kmeans(10));
        tampered.getEnsemble().setMinVotes(1); // changed after signing
        Path changed = write(tampered, "tampered.avro");
        run = CliRun.run("publish", "--bootstrap", bootstrap, "--topic", topic, "--model", changed.toString(),
                "--trusted-key", trusted.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("refused: model test-model v10 has a bad signature: it was changed after signing");

        assertThat(KafkaTopics.readAll(bootstrap, topic)).as("nothing was sent").isEmpty();

        // Explicitly allowed, the unsigned one goes out.
        run = CliRun.run("publish", "--bootstrap", bootstrap, "--topic", topic, "--model", unsigned.toString(), "--allow-unsigned");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("published model test-model v8", "UNSIGNED");
        assertThat(KafkaTopics.readAll(bootstrap, topic)).hasSize(1);
    }

    @Test
    void aTenMegabyteBundleFitsTheModelsTopic() throws Exception {
        String topic = modelsTopic("models-large");
        // k-means centroids worth 10 MiB of doubles: ten times the Kafka producer's default request limit.
        ModelBundle bundle = TestBundles.kmeans(11);
        int d = ((KMeansModel) bundle.getDetectors().get(0).getModel()).getDimension();
        List<Double> centroids = new ArrayList<>();
        for (int i = 0; i < (10 << 20) / 8 / d * d; i++) centroids.add((i % 97) / 10.0);
        bundle.getDetectors().get(0).setModel(new KMeansModel(d, centroids));
        bundle = signed(bundle);
        Path file = write(bundle, "large.avro");
        int size = AvroWire.MODEL_BUNDLE.encode(bundle).length;
        assertThat(size).isGreaterThan(8 * 1024 * 1024).isLessThan(FlowSentryTopics.MODELS_MAX_MESSAGE_BYTES);

        CliRun run = CliRun.run("publish", "--bootstrap", bootstrap, "--topic", topic, "--model", file.toString(),
                "--trusted-key", trusted.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        System.out.printf("published a %,d-byte bundle (file %,d bytes)%n", size, Files.size(file));
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTopics.readAll(bootstrap, topic);
        assertThat(records).hasSize(1);
        assertThat(AvroWire.MODEL_BUNDLE.decode(records.get(0).value())).isEqualTo(bundle);
    }
}
