package org.flowsentry.core.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import org.flowsentry.core.flow.FlowValidation;
import org.flowsentry.schema.FlowRecord;

/**
 * The iteration every reader shares: a reader only says how to read its next usable flow
 * ({@link #readNext}), reporting the rows it refuses on the way; validation of what it maps is
 * one call ({@link #validated}).
 */
public abstract class AbstractFlowReader implements FlowReader {
    private final FlowFormat format;
    protected final String source;
    protected final ReadErrors errors;
    private FlowRecord next;
    private boolean done;

    protected AbstractFlowReader(FlowFormat format, String source, ReadErrors errors) {
        this.format = format;
        this.source = source;
        this.errors = errors;
    }

    /**
     * The next flow that passed validation, or null at the end of the input. Refused rows are
     * reported to {@link #errors} and skipped here, so null means only the end.
     */
    protected abstract FlowRecord readNext() throws IOException;

    /** The flow when it is valid; otherwise reports its problem at this line (-1: no one line) and returns null. */
    protected final FlowRecord validated(FlowRecord flow, long line) {
        String problem = FlowValidation.problem(flow);
        if (problem == null) return flow;
        errors.report(source, line, problem);
        return null;
    }

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            try {
                next = readNext();
            } catch (IOException e) {
                throw new UncheckedIOException(source + ": " + e.getMessage(), e);
            }
            done = next == null;
        }
        return next != null;
    }

    @Override
    public final FlowRecord next() {
        if (!hasNext()) throw new NoSuchElementException();
        FlowRecord r = next;
        next = null;
        return r;
    }

    @Override
    public final FlowFormat format() {
        return format;
    }

    @Override
    public final ReadErrors errors() {
        return errors;
    }
}
