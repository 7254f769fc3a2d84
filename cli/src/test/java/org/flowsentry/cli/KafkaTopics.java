package org.flowsentry.cli;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flowsentry.kafka.LocalKafkaBroker;
import org.flowsentry.kafka.TopicSpec;

/** Test topics on a local broker: created per test, read back to their end with bounded waits. */
final class KafkaTopics {
    static final Duration WAIT = Duration.ofSeconds(60);

    private KafkaTopics() {}

    /**
     * A new topic without time retention: replayed captures are months or years old and the
     * broker's retention check (30 s after it starts) would delete them under the 7-day default.
     */
    static String create(LocalKafkaBroker broker, String name, int partitions) {
        broker.createTopics(TopicSpec.of(name, partitions).withConfig("retention.ms", "-1"));
        return name;
    }

    /** Every record of the topic, partition by partition in offset order, read up to the end offsets. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, WAIT)) partitions.add(new TopicPartition(topic, p.partition()));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, WAIT);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!atEnd(consumer, end)) {
                if (System.nanoTime() > deadline) throw new AssertionError("could not read " + topic + " to its end within " + WAIT);
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            out.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                    : Long.compare(a.offset(), b.offset()));
            return out;
        }
    }

    /** Waits (bounded) until the topic holds at least n records; returns how many it holds. */
    static long awaitAtLeast(String bootstrap, String topic, long n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, WAIT)) partitions.add(new TopicPartition(topic, p.partition()));
            while (true) {
                long count = consumer.endOffsets(partitions, WAIT).values().stream().mapToLong(Long::longValue).sum();
                if (count >= n) return count;
                if (System.nanoTime() > deadline) throw new AssertionError(topic + " holds " + count + " records, not " + n + ", after " + WAIT);
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    static void produce(String bootstrap, String topic, byte[] key, byte[] value) throws Exception {
        produce(bootstrap, topic, List.of(new AbstractMap.SimpleEntry<>(key, value)));
    }

    /** Sends the (key, value) records in order through one producer and waits until the broker has them all. */
    static void produce(String bootstrap, String topic, List<Map.Entry<byte[], byte[]>> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (Map.Entry<byte[], byte[]> r : records) sent.add(producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue())));
            for (Future<RecordMetadata> f : sent) f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static boolean atEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) if (consumer.position(e.getKey()) < e.getValue()) return false;
        return true;
    }
}
