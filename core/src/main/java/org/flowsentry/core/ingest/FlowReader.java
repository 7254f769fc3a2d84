package org.flowsentry.core.ingest;

import java.io.Closeable;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.flowsentry.schema.FlowRecord;

/**
 * Flows read from one input, one at a time in constant memory. Malformed rows are skipped,
 * counted and reported to {@link #errors()}; I/O failures surface as
 * {@link java.io.UncheckedIOException} from {@link #hasNext()}.
 */
public interface FlowReader extends Iterator<FlowRecord>, Closeable {

    FlowFormat format();

    ReadErrors errors();

    /** Bytes of the (decompressed) input consumed so far, for progress reporting. */
    long bytesRead();

    default Stream<FlowRecord> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
