package org.flowsentry.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.flowsentry.core.model.EnsembleScorer;
import org.flowsentry.schema.ModelBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleSignaturesTest {
    @TempDir
    Path dir;

    @Test
    void aSignedBundleWrittenToAFileLoadsWithItsKey() throws Exception {
        KeyPair pair = BundleKeys.generate();
        BundleKeys.write(pair, dir.resolve("ops.key"), dir.resolve("ops.pub"));
        assertThat(BundleKeys.publicFileFor(dir.resolve("ops.key"))).isEqualTo(dir.resolve("ops.pub"));
        ModelBundle signed = BundleSignatures.sign(TestBundles.kmeans(3),
                BundleKeys.readPrivate(dir.resolve("ops.key")), BundleKeys.readPublic(dir.resolve("ops.pub")));
        Path file = dir.resolve("bundle.avro");
        BundleFiles.write(signed, file);
        EnsembleScorer scorer = BundleFiles.load(file, BundleFiles.trustedKeys(List.of(dir.resolve("ops.pub"))), false);
        assertThat(scorer.modelVersion()).isEqualTo(3);
        assertThat(BundleFiles.read(file)).isEqualTo(signed);
        assertThat(Files.getPosixFilePermissions(dir.resolve("ops.key"))).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aTamperedBundleIsRefused() throws Exception {
        KeyPair pair = BundleKeys.generate();
        ModelBundle signed = BundleSignatures.sign(TestBundles.kmeans(3), pair.getPrivate(), pair.getPublic());
        signed.getEnsemble().setMinVotes(1); // e.g. someone lowers the bar after signing
        assertThatThrownBy(() -> BundleSignatures.verify(signed, List.of(pair.getPublic()), false))
                .isInstanceOf(BundleRefusedException.class).hasMessageContaining("bad signature");
    }

    @Test
    void unsignedBundlesAreRefusedUnlessExplicitlyAllowed() throws Exception {
        ModelBundle unsigned = TestBundles.kmeans(1);
        assertThatThrownBy(() -> BundleFiles.accept(unsigned, List.of(), false))
                .isInstanceOf(BundleRefusedException.class).hasMessageContaining("not signed");
        assertThat(BundleFiles.accept(unsigned, List.of(), true).modelVersion()).isEqualTo(1);
    }

    @Test
    void aBundleSignedByAnUntrustedKeyIsRefused() {
        KeyPair signer = BundleKeys.generate();
        KeyPair trusted = BundleKeys.generate();
        ModelBundle signed = BundleSignatures.sign(TestBundles.kmeans(1), signer.getPrivate(), signer.getPublic());
        assertThatThrownBy(() -> BundleSignatures.verify(signed, List.of(trusted.getPublic()), true))
                .isInstanceOf(BundleRefusedException.class)
                .hasMessageContaining("signed by key " + BundleKeys.keyId(signer.getPublic()))
                .hasMessageContaining("not trusted");
    }

    @Test
    void aBundleThatDoesNotFitTheFeatureCodeIsRefused() throws Exception {
        ModelBundle bundle = TestBundles.kmeans(1);
        bundle.getFeatureSpec().setVersion(99);
        assertThatThrownBy(() -> BundleFiles.accept(bundle, List.of(), true))
                .isInstanceOf(BundleRefusedException.class).hasMessageContaining("does not fit");
    }

    @Test
    void aFileThatIsNotABundleGivesAClearError() throws Exception {
        Path junk = dir.resolve("junk.avro");
        Files.writeString(junk, "hello");
        assertThatThrownBy(() -> BundleFiles.read(junk)).hasMessageStartingWith(junk + ": not a FlowSentry model bundle");
        assertThatThrownBy(() -> BundleFiles.read(dir.resolve("missing.avro"))).hasMessageContaining("no such bundle file");
    }
}
