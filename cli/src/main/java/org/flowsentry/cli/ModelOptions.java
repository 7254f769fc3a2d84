package org.flowsentry.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.flowsentry.core.bundle.BundleFiles;
import org.flowsentry.core.bundle.BundleRefusedException;
import org.flowsentry.core.model.EnsembleScorer;
import picocli.CommandLine.Option;

/** Which model bundle to use and which signers to trust: shared by every command that loads a bundle. */
final class ModelOptions {
    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "Model bundle (.avro) written by `flowsentry train`.")
    Path model;

    @Option(names = "--trusted-key", paramLabel = "FILE", description = "Public key (.pub) whose signatures are trusted; repeat for several.")
    List<Path> trustedKeys = List.of();

    @Option(names = "--allow-unsigned", description = "Accept a bundle without a signature (for experiments; never in production).")
    boolean allowUnsigned;

    /** Reads and verifies the bundle; a refused bundle is a clear error, not a stack trace. */
    EnsembleScorer load() throws IOException {
        try {
            return BundleFiles.load(model, BundleFiles.trustedKeys(trustedKeys), allowUnsigned);
        } catch (BundleRefusedException e) {
            throw new IllegalArgumentException(model + ": refused: " + e.getMessage(), e);
        }
    }
}
