package org.flowsentry.core.generate;

import org.flowsentry.schema.FlowRecord;

/** Where a process puts the flows of an event. */
interface Emitter {
    /** Accepts a flow starting at or after the current event; flows starting after the run are dropped. */
    void emit(FlowRecord flow);
}
