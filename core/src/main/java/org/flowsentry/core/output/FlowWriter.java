package org.flowsentry.core.output;

import java.io.Closeable;
import java.io.IOException;
import org.flowsentry.schema.FlowRecord;

/** Writes flows to a file in one of FlowSentry's own formats. */
public interface FlowWriter extends Closeable {
    void write(FlowRecord flow) throws IOException;
}
