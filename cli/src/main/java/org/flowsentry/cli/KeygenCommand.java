package org.flowsentry.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import org.flowsentry.core.bundle.BundleKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Makes an Ed25519 key pair for signing model bundles. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Make an Ed25519 key pair for signing model bundles: NAME.key (private, keep it secret) and NAME.pub",
                "(give it to every job that must trust bundles signed with it)."})
final class KeygenCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "flowsentry", paramLabel = "NAME",
            description = "Path and base name of the two files (default: ${DEFAULT-VALUE} -> flowsentry.key, flowsentry.pub).")
    String name;

    @Option(names = "--force", description = "Overwrite existing key files.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        Path privateFile = Path.of(name + ".key");
        Path publicFile = Path.of(name + ".pub");
        if (!force && (Files.exists(privateFile) || Files.exists(publicFile))) {
            throw new IllegalArgumentException(privateFile + " or " + publicFile + " exists; use --force to replace them");
        }
        KeyPair pair = BundleKeys.generate();
        BundleKeys.write(pair, privateFile, publicFile);
        System.out.printf("wrote %s (private) and %s (public), key id %s%n", privateFile, publicFile, BundleKeys.keyId(pair.getPublic()));
        return 0;
    }
}
