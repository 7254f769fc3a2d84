package org.flowsentry.core.model;

/**
 * Whether the detectors' dense loops run as {@link VectorKernels}: when the JVM has the incubating
 * vector module (java --add-modules jdk.incubator.vector; the launcher adds it) and the system
 * property flowsentry.vector is not "false". Without the module they run as plain loops that the
 * JIT vectorizes by itself, with the same results bit for bit, only slower: a Flink cluster needs
 * the option in its JVM options (README) to get the speed.
 */
final class Vectors {
    static final boolean ENABLED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("flowsentry.vector"));

    private Vectors() {}

    /** n rounded up to a whole number of vector lanes (n itself for the plain loops). */
    static int padded(int n, boolean vector) {
        if (!vector) return n;
        int lanes = VectorKernels.LANES;
        return (n + lanes - 1) / lanes * lanes;
    }
}
