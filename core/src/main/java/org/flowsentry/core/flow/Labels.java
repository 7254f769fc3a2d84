package org.flowsentry.core.flow;

/**
 * Ground-truth conventions. Readers map each dataset's benign marker ("normal", "BENIGN",
 * "Benign", UNSW-NB15 label 0, ...) to {@link #BENIGN}; attacks keep the dataset's own name.
 */
public final class Labels {
    public static final String BENIGN = "BENIGN";

    private Labels() {}

    /** True for a known attack label; null (unknown) and BENIGN are not attacks. */
    public static boolean isAttack(String label) {
        return label != null && !BENIGN.equals(label);
    }

    public static boolean isBenign(String label) {
        return BENIGN.equals(label);
    }
}
