package org.flowsentry.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Third-party programs (Debian packages) that tests run as real parts. Tests that need one call
 * {@link #require}: an absent program skips the test with a message naming its package.
 */
public final class Programs {
    private Programs() {}

    /**
     * The executable on PATH, or in /usr/sbin or /usr/local/sbin (where daemons such as pmacctd
     * live, often off a user's PATH); skips the test when there is none.
     */
    public static Path require(String name, String debianPackage) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin"));
        for (String d : dirs) {
            Path candidate = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isExecutable(candidate)) return candidate;
        }
        assumeTrue(false, "skipped: " + name + " is not installed (Debian package '" + debianPackage + "'; .ci/run installs it)");
        throw new IllegalStateException("unreachable");
    }
}
