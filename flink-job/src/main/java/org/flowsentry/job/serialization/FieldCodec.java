package org.flowsentry.job.serialization;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.flowsentry.core.features.RecentValues;

/** Binary forms shared by the serializers: nullable double arrays and RecentValues. */
final class FieldCodec {
    private FieldCodec() {}

    /** Length (-1 for null), then the values. */
    static void writeDoubles(double[] values, DataOutputView out) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        for (double v : values) out.writeDouble(v);
    }

    static double[] readDoubles(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n == -1) return null;
        if (n < 0) throw new IOException("corrupt double array length " + n);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = in.readDouble();
        return values;
    }

    /**
     * The bound ({@link RecentValues#maxValues()}, so state from before the arrays grew lazily keeps
     * its bound), the size, then only the values in use with their times: the spare array length
     * is not written, the arrays grow again as values arrive.
     */
    static void writeRecentValues(RecentValues r, DataOutputView out) throws IOException {
        int size = r.size();
        out.writeInt(r.maxValues());
        out.writeInt(size);
        long[] values = r.getValues();
        long[] lastSeenMs = r.getLastSeenMs();
        for (int i = 0; i < size; i++) {
            out.writeLong(values[i]);
            out.writeLong(lastSeenMs[i]);
        }
    }

    static RecentValues readRecentValues(DataInputView in) throws IOException {
        int maxValues = in.readInt();
        int size = in.readInt();
        if (size < 0 || size > maxValues) throw new IOException("corrupt RecentValues: size " + size + " of " + maxValues);
        long[] values = new long[size];
        long[] lastSeenMs = new long[size];
        for (int i = 0; i < size; i++) {
            values[i] = in.readLong();
            lastSeenMs[i] = in.readLong();
        }
        RecentValues r = new RecentValues(maxValues);
        r.setValues(values);
        r.setLastSeenMs(lastSeenMs);
        r.setSize(size);
        return r;
    }
}
