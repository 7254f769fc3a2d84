package org.flowsentry.core.features;

/**
 * Exponential decay shared by the context states. StrictMath, not Math: the trainer and a Flink
 * cluster on another JVM or CPU must produce bit-identical features, and Math's intrinsics may
 * differ in the last bit between platforms.
 */
final class Damped {
    private Damped() {}

    /** Weight left after dtMs at the given half-life; 1 for dt <= 0 (late or simultaneous flows do not decay state). */
    static double factor(long dtMs, long halfLifeMs) {
        return dtMs <= 0 ? 1.0 : StrictMath.pow(0.5, (double) dtMs / halfLifeMs);
    }

    /** FNV-1a 64-bit hash of an address: stable across JVMs, unlike String.hashCode's 32 bits. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
