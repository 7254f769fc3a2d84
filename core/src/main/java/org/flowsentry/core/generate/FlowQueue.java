package org.flowsentry.core.generate;

import java.util.Arrays;
import org.flowsentry.schema.FlowRecord;

/**
 * A binary min-heap of flows by start time, with ties leaving in arrival order. Keeps the times in
 * a primitive array: java.util.PriorityQueue's comparator would unbox each record's startMs at
 * every comparison, which was the generator's largest cost.
 */
final class FlowQueue {
    private long[] starts = new long[256];
    private long[] order = new long[256];
    private FlowRecord[] flows = new FlowRecord[256];
    private int size;
    private long arrivals;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Start time of the first flow; only valid when not empty. */
    long firstStart() {
        return starts[0];
    }

    void add(long start, FlowRecord flow) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            order = Arrays.copyOf(order, size * 2);
            flows = Arrays.copyOf(flows, size * 2);
        }
        long seq = arrivals++;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(start, seq, starts[parent], order[parent])) break;
            move(parent, i);
            i = parent;
        }
        set(i, start, seq, flow);
    }

    FlowRecord poll() {
        FlowRecord first = flows[0];
        int last = --size;
        long start = starts[last];
        long seq = order[last];
        FlowRecord flow = flows[last];
        flows[last] = null;
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < last && before(starts[right], order[right], starts[child], order[child])) child = right;
            if (!before(starts[child], order[child], start, seq)) break;
            move(child, i);
            i = child;
        }
        if (last > 0) set(i, start, seq, flow);
        return first;
    }

    private static boolean before(long start, long seq, long otherStart, long otherSeq) {
        return start < otherStart || (start == otherStart && seq < otherSeq);
    }

    private void move(int from, int to) {
        starts[to] = starts[from];
        order[to] = order[from];
        flows[to] = flows[from];
    }

    private void set(int i, long start, long seq, FlowRecord flow) {
        starts[i] = start;
        order[i] = seq;
        flows[i] = flow;
    }
}
