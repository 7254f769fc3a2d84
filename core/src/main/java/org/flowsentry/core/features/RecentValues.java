package org.flowsentry.core.features;

import java.util.Arrays;

/**
 * The most recently seen distinct values (ports, hashed peer addresses) with the event time each
 * was last seen, in bounded memory. When full, a new value replaces the least recently seen one,
 * so distinct counts saturate at the capacity: enough to tell a scan from normal use.
 * A plain mutable POJO so Flink can keep it in keyed state.
 *
 * <p>The arrays grow with the values seen, up to the capacity: most hosts talk to a few peers on a
 * few ports, and a flood from spoofed addresses creates a host per flow. Allocated at full
 * capacity (64) each host took 2 KiB of keyed state; the job's state, checkpoints and garbage
 * collection grew with it.
 */
public final class RecentValues {
    private static final long[] NONE = new long[0];
    private static final int FIRST_LENGTH = 4;

    private long[] values = NONE;
    private long[] lastSeenMs = NONE;
    private int size;
    private int capacity;

    public RecentValues() {
        this(0);
    }

    public RecentValues(int capacity) {
        this.capacity = capacity;
    }

    /** Records value seen at time t (event time order is not required). */
    public void add(long value, long t) {
        for (int i = 0; i < size; i++) {
            if (values[i] == value) {
                if (t > lastSeenMs[i]) lastSeenMs[i] = t;
                return;
            }
        }
        int limit = maxValues();
        if (size == values.length && size < limit) {
            int length = Math.min(limit, Math.max(FIRST_LENGTH, 2 * size));
            values = Arrays.copyOf(values, length);
            lastSeenMs = Arrays.copyOf(lastSeenMs, length);
        }
        if (size < values.length) {
            values[size] = value;
            lastSeenMs[size] = t;
            size++;
            return;
        }
        if (values.length == 0) return;
        int oldest = 0;
        for (int i = 1; i < size; i++) {
            if (lastSeenMs[i] < lastSeenMs[oldest]) oldest = i;
        }
        values[oldest] = value;
        lastSeenMs[oldest] = t;
    }

    /** The capacity; for state written before the arrays grew lazily (full length, no capacity), their length. */
    public int maxValues() {
        return Math.max(capacity, values.length);
    }

    /** Distinct values seen in (t - windowMs, t]. */
    public int countSince(long t, long windowMs) {
        long from = t - windowMs;
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (lastSeenMs[i] > from) n++;
        }
        return n;
    }

    public void clear() {
        size = 0;
    }

    public int size() {
        return size;
    }

    /**
     * An independent copy with the same arrays (spare length included) and capacity: Flink's heap
     * state backend copies each entry that a running checkpoint still reads before changing it.
     */
    public RecentValues copy() {
        RecentValues c = new RecentValues(capacity);
        c.values = values.clone();
        c.lastSeenMs = lastSeenMs.clone();
        c.size = size;
        return c;
    }

    // Bean accessors for Flink's POJO serializer.
    public long[] getValues() {
        return values;
    }

    public void setValues(long[] values) {
        this.values = values;
    }

    public long[] getLastSeenMs() {
        return lastSeenMs;
    }

    public void setLastSeenMs(long[] lastSeenMs) {
        this.lastSeenMs = lastSeenMs;
    }

    public int getSize() {
        return size;
    }

    public void setSize(int size) {
        this.size = size;
    }

    public int getCapacity() {
        return capacity;
    }

    public void setCapacity(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecentValues r && size == r.size
                && Arrays.equals(values, 0, size, r.values, 0, size)
                && Arrays.equals(lastSeenMs, 0, size, r.lastSeenMs, 0, size);
    }

    @Override
    public int hashCode() {
        return 31 * size + Arrays.hashCode(Arrays.copyOf(values, size));
    }
}
