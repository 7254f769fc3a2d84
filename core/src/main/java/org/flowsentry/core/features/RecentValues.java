package org.flowsentry.core.features;

import java.util.Arrays;

/**
 * The most recently seen distinct values (ports, hashed peer addresses) with the event time each
 * was last seen, in fixed memory. When full, a new value replaces the least recently seen one,
 * so distinct counts saturate at the capacity: enough to tell a scan from normal use.
 * A plain mutable POJO so Flink can keep it in keyed state.
 */
public final class RecentValues {
    private long[] values;
    private long[] lastSeenMs;
    private int size;

    public RecentValues() {
        this(0);
    }

    public RecentValues(int capacity) {
        values = new long[capacity];
        lastSeenMs = new long[capacity];
    }

    /** Records value seen at time t (event time order is not required). */
    public void add(long value, long t) {
        for (int i = 0; i < size; i++) {
            if (values[i] == value) {
                if (t > lastSeenMs[i]) lastSeenMs[i] = t;
                return;
            }
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
