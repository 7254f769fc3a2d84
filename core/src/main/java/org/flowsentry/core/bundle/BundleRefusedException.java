package org.flowsentry.core.bundle;

/** A bundle that must not be used: unsigned, untrusted, tampered with, or not fitting this code. */
public class BundleRefusedException extends Exception {
    public BundleRefusedException(String reason) {
        super(reason);
    }

    public BundleRefusedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
