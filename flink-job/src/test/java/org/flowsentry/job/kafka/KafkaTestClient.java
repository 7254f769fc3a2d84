package org.flowsentry.job.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Plain Kafka clients for the ITs: a producer that waits for every acknowledgement, and readers
 * that read a whole topic (every partition, from the start, no consumer group) with a chosen
 * isolation level. Every wait is bounded by {@link #WAIT}.
 */
public final class KafkaTestClient implements AutoCloseable {
    /** The longest any single wait of a test may take. */
    public static final Duration WAIT = Duration.ofSeconds(90);

    private final String bootstrap;
    private final KafkaProducer<byte[], byte[]> producer;

    public KafkaTestClient(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 32 * 1024 * 1024); // model bundles
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends one record and waits for its acknowledgement; returns where it was written. */
    public RecordMetadata send(String topic, Integer partition, byte[] key, byte[] value) {
        return sendAll(List.of(new ProducerRecord<>(topic, partition, key, value))).get(0);
    }

    /** Sends the records in order and waits for every acknowledgement; returns where each was written. */
    public List<RecordMetadata> sendAll(List<ProducerRecord<byte[], byte[]>> records) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        for (ProducerRecord<byte[], byte[]> r : records) acks.add(producer.send(r));
        producer.flush();
        List<RecordMetadata> written = new ArrayList<>(records.size());
        try {
            for (Future<RecordMetadata> ack : acks) written.add(ack.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError("producing " + records.size() + " records failed", e);
        }
        return written;
    }

    /** Everything in the topic now (up to the end offsets, or the last stable offsets when read committed). */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, IsolationLevel isolation) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(isolation)) {
            List<TopicPartition> partitions = assignAll(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, WAIT);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) throw new AssertionError("could not read " + topic + " to " + end + " within " + WAIT);
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) out.add(r);
            }
            return out;
        }
    }

    /**
     * Reads the topic from the start until {@code done} holds for everything read so far, and
     * returns that; fails after {@link #WAIT}, or at once when {@code stillRunning} throws (the job died).
     */
    public List<ConsumerRecord<byte[], byte[]>> await(String topic, IsolationLevel isolation, String what,
                                                      Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Runnable stillRunning) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(isolation)) {
            assignAll(consumer, topic);
            List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!done.test(seen)) {
                stillRunning.run();
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(String.format(Locale.ROOT, "waited %d s for %s on %s (%s): %d records so far",
                            WAIT.toSeconds(), what, topic, isolation, seen.size()));
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) seen.add(r);
            }
            return seen;
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(IsolationLevel isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> assignAll(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, WAIT).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition tp : end.keySet()) positions.put(tp, consumer.position(tp, WAIT));
        return end.entrySet().stream().allMatch(e -> positions.get(e.getKey()) >= e.getValue());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
