package org.flowsentry.core.generate;

/**
 * One process of the simulation (a kind of benign activity, or one attack). It works through its
 * events in time order; each event emits flows that start at or after the event's time, so the
 * generator can merge all processes with a small priority queue.
 */
abstract class Source {
    /** Time of the next event, epoch ms with fraction; +Infinity when the process is finished. */
    double clock;

    /** Handles the event at {@link #clock}, emitting its flows, and moves the clock to the next event. */
    abstract void step(Emitter out);
}
