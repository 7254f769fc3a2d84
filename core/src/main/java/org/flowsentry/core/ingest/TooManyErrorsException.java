package org.flowsentry.core.ingest;

/** Thrown when a read passes the user's limit of malformed rows (--max-errors). */
public class TooManyErrorsException extends RuntimeException {
    public TooManyErrorsException(String message) {
        super(message);
    }
}
