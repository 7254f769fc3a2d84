package org.flowsentry.core.generate;

/** Random stream numbers: one per generator process, so processes never share random numbers. */
final class Streams {
    static final long NETWORK = 1;
    static final long HUMAN = 2;
    static final long MACHINE = 3;
    static final long MONITORING = 4;
    static final long BACKUPS = 5;

    private Streams() {}

    /** The stream of the n-th scenario of a kind (counting from 0), independent of the others. */
    static long scenario(ScenarioKind kind, int occurrence) {
        return 1000 + kind.ordinal() * 100L + occurrence;
    }
}
