package org.flowsentry.core.wire;

/** Bytes that are not a valid message of the expected type; the message is the dead-letter reason. */
public class WireFormatException extends Exception {
    public WireFormatException(String reason) {
        super(reason);
    }
}
