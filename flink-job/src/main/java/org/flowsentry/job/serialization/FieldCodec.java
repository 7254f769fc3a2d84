package org.flowsentry.job.serialization;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.flowsentry.core.features.RecentValues;

/**
 * Binary forms shared by the serializers: nullable double arrays (dense, or sparse for feature
 * vectors) and RecentValues.
 */
final class FieldCodec {
    /** Marker in place of the length: a null array. Both forms use it. */
    static final int NULL = -1;
    /** Marker in place of the length: the sparse form follows. The dense form starts with its length (0 or more). */
    static final int SPARSE = -2;

    private FieldCodec() {}

    /** {@link #NULL}, or the length n (0 or more) and the n values: the form for state, whose arrays have few zeros. */
    static void writeDoubles(double[] values, DataOutputView out) throws IOException {
        if (values == null) {
            out.writeInt(NULL);
            return;
        }
        out.writeInt(values.length);
        for (double v : values) out.writeDouble(v);
    }

    /**
     * {@link #NULL}, or {@link #SPARSE}, the length n, a bitmap of the values present (bit i%64
     * of long i/64, ceil(n/64) longs) and then only those values, in order. For a feature vector
     * crossing the network from the destination-features operator to the scoring operator: its
     * source-host part is still +0.0 (the scoring operator fills it) and many per-flow features are
     * zero (31 of 67 values in FieldCodecTest's sample), and reading every value back
     * was about 6% of the scoring thread's CPU (JFR). A value is left out only when it is +0.0
     * (raw bits 0): -0.0, NaN (with its payload), infinities and all other values are written as
     * their raw bits and read back bit for bit. Without zeros this costs 4 + 8*ceil(n/64) bytes
     * more than the dense form; every zero saves 8. {@link #readDoubles} reads both forms, so held
     * flows checkpointed by builds that wrote vectors dense still restore.
     */
    static void writeSparseDoubles(double[] values, DataOutputView out) throws IOException {
        if (values == null) {
            out.writeInt(NULL);
            return;
        }
        int n = values.length;
        out.writeInt(SPARSE);
        out.writeInt(n);
        for (int base = 0; base < n; base += 64) {
            int end = Math.min(base + 64, n);
            long present = 0L;
            for (int i = base; i < end; i++) {
                if (Double.doubleToRawLongBits(values[i]) != 0L) present |= 1L << (i - base);
            }
            out.writeLong(present);
        }
        for (double v : values) {
            long raw = Double.doubleToRawLongBits(v);
            if (raw != 0L) out.writeLong(raw); // writeDouble would canonicalise NaN payloads
        }
    }

    /**
     * Reads what {@link #writeDoubles} or {@link #writeSparseDoubles} wrote. In the sparse form the
     * bitmap precedes the values, so its set bits are first marked in the result array itself (as
     * 1.0; absent values stay 0.0), then replaced by the values in order: no allocation besides
     * the result.
     */
    static double[] readDoubles(DataInputView in) throws IOException {
        int marker = in.readInt();
        if (marker == NULL) return null;
        if (marker >= 0) { // dense
            double[] values = new double[marker];
            for (int i = 0; i < marker; i++) values[i] = in.readDouble();
            return values;
        }
        if (marker != SPARSE) throw new IOException("corrupt double array: marker " + marker);
        int n = in.readInt();
        if (n < 0) throw new IOException("corrupt double array length " + n);
        double[] values = new double[n];
        for (int base = 0; base < n; base += 64) {
            long present = in.readLong();
            if (n - base < 64 && (present >>> (n - base)) != 0L) {
                throw new IOException("corrupt double array: bits set past length " + n);
            }
            while (present != 0L) {
                values[base + Long.numberOfTrailingZeros(present)] = 1.0;
                present &= present - 1;
            }
        }
        for (int i = 0; i < n; i++) {
            if (values[i] != 0.0) values[i] = Double.longBitsToDouble(in.readLong());
        }
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
        for (int i = 0; i < size; i++) {
            out.writeLong(r.value(i));
            out.writeLong(r.lastSeenMs(i));
        }
    }

    static RecentValues readRecentValues(DataInputView in) throws IOException {
        int maxValues = in.readInt();
        int size = in.readInt();
        if (size < 0 || size > maxValues) throw new IOException("corrupt RecentValues: size " + size + " of " + maxValues);
        long[] slots = new long[2 * size];
        for (int i = 0; i < slots.length; i++) slots[i] = in.readLong();
        return RecentValues.restore(maxValues, slots, size);
    }
}
