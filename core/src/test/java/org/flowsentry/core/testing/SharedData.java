package org.flowsentry.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real labelled datasets in ../shared/data (never copied into the repo). Tests that need one
 * call {@link #file(String)}: absent data skips the test with a message saying what is missing.
 */
public final class SharedData {
    private SharedData() {}

    /** The data folder: system property flowsentry.data (set by the build), FLOWSENTRY_DATA, or ../shared/data. */
    public static Path root() {
        String prop = System.getProperty("flowsentry.data");
        if (prop == null || prop.isBlank()) prop = System.getenv("FLOWSENTRY_DATA");
        if (prop == null || prop.isBlank()) prop = "../shared/data";
        return Path.of(prop).toAbsolutePath().normalize();
    }

    /** A dataset file relative to the data folder, e.g. "nsl-kdd/KDDTest+.txt"; skips the test when absent. */
    public static Path file(String relative) {
        Path p = root().resolve(relative);
        assumeTrue(Files.isRegularFile(p), () -> "skipped: dataset " + p
                + " is absent (tests read the real datasets from ../shared/data; set FLOWSENTRY_DATA to use another folder)");
        return p;
    }
}
