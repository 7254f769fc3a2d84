package org.flowsentry.core.ingest;

/** A row that cannot become a FlowRecord; the message is the reason shown to the user. */
public class MalformedRowException extends Exception {
    public MalformedRowException(String reason) {
        super(reason, null, false, false); // no stack trace: thrown per bad row, reported by reason
    }
}
