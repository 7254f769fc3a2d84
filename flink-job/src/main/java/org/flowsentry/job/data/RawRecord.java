package org.flowsentry.job.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One message as it came off Kafka (or a test source): value and key bytes with their
 * coordinates. A Flink POJO (public fields, no-arg constructor) so it needs no Kryo.
 */
public class RawRecord {
    /** Message value; null for a tombstone. */
    public byte[] value;
    /** Message key; null when the producer set none. */
    public byte[] key;
    public String topic;
    public int partition;
    public long offset;
    /** Kafka record timestamp, epoch ms; the event-time fallback for flows without their own. */
    public long timestampMs;

    public RawRecord() {}

    public RawRecord(byte[] value, byte[] key, String topic, int partition, long offset, long timestampMs) {
        this.value = value;
        this.key = key;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestampMs = timestampMs;
    }

    /** A keyless record, as tests and file replays produce them. */
    public static RawRecord of(byte[] value, String topic, long offset, long timestampMs) {
        return new RawRecord(value, null, topic, 0, offset, timestampMs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawRecord r && Arrays.equals(value, r.value) && Arrays.equals(key, r.key)
                && Objects.equals(topic, r.topic) && partition == r.partition && offset == r.offset
                && timestampMs == r.timestampMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset + " (" + (value == null ? "null" : value.length + " bytes") + ")";
    }
}
