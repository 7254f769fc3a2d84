package org.flowsentry.core.bundle;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.nio.ByteBuffer;
import java.util.List;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.schema.BundleSignature;
import org.flowsentry.schema.ModelBundle;

/**
 * Signs and verifies bundles. The signed bytes are the bundle's single-object encoding with the
 * signature field null; a bundle has no Avro maps, so that encoding is canonical.
 */
public final class BundleSignatures {
    private BundleSignatures() {}

    /** A copy of the bundle carrying an Ed25519 signature by this key pair. */
    public static ModelBundle sign(ModelBundle bundle, PrivateKey privateKey, PublicKey publicKey) {
        byte[] value;
        try {
            Signature s = Signature.getInstance(BundleKeys.ALGORITHM);
            s.initSign(privateKey);
            s.update(signedBytes(bundle));
            value = s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
        ModelBundle signed = ModelBundle.newBuilder(bundle).build();
        signed.setSignature(new BundleSignature(BundleKeys.ALGORITHM, BundleKeys.keyId(publicKey), ByteBuffer.wrap(value)));
        return signed;
    }

    /**
     * Checks a bundle against the trusted keys.
     *
     * @throws BundleRefusedException when it is unsigned (and unsigned bundles are not allowed),
     *     signed by an unknown key, or its signature does not match its contents
     */
    public static void verify(ModelBundle bundle, List<PublicKey> trusted, boolean allowUnsigned) throws BundleRefusedException {
        BundleSignature sig = bundle.getSignature();
        String what = "model " + bundle.getModelId() + " v" + bundle.getModelVersion();
        if (sig == null) {
            if (allowUnsigned) return;
            throw new BundleRefusedException(what + " is not signed; sign it with `train --key` or allow unsigned bundles explicitly");
        }
        if (!BundleKeys.ALGORITHM.equals(sig.getAlgorithm())) {
            throw new BundleRefusedException(what + " is signed with unsupported algorithm " + sig.getAlgorithm());
        }
        PublicKey key = trusted.stream().filter(k -> BundleKeys.keyId(k).equals(sig.getKeyId())).findFirst().orElse(null);
        if (key == null) {
            throw new BundleRefusedException(what + " is signed by key " + sig.getKeyId() + ", which is not trusted (trusted: "
                    + trusted.stream().map(BundleKeys::keyId).toList() + ")");
        }
        try {
            Signature s = Signature.getInstance(BundleKeys.ALGORITHM);
            s.initVerify(key);
            s.update(signedBytes(bundle));
            ByteBuffer v = sig.getValue().duplicate();
            byte[] value = new byte[v.remaining()];
            v.get(value);
            if (!s.verify(value)) throw new BundleRefusedException(what + " has a bad signature: it was changed after signing");
        } catch (GeneralSecurityException e) {
            throw new BundleRefusedException(what + " has an unreadable signature: " + e.getMessage());
        }
    }

    private static byte[] signedBytes(ModelBundle bundle) {
        ModelBundle unsigned = ModelBundle.newBuilder(bundle).setSignature(null).build();
        return AvroWire.MODEL_BUNDLE.encode(unsigned);
    }
}
