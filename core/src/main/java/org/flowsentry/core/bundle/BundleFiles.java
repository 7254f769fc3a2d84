package org.flowsentry.core.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.flowsentry.core.model.EnsembleScorer;
import org.flowsentry.schema.ModelBundle;

/**
 * Bundle files: an Avro object container file holding one ModelBundle (self-describing, readable
 * by any Avro tool), and loading with signature checks.
 */
public final class BundleFiles {
    private BundleFiles() {}

    public static void write(ModelBundle bundle, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataFileWriter<ModelBundle> w = new DataFileWriter<>(new SpecificDatumWriter<>(ModelBundle.class))) {
            w.setCodec(CodecFactory.deflateCodec(6));
            w.create(ModelBundle.getClassSchema(), tmp.toFile());
            w.append(bundle);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // never leave half a bundle
    }

    public static ModelBundle read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(file + ": no such bundle file");
        try (DataFileReader<ModelBundle> r = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(ModelBundle.class))) {
            if (!r.hasNext()) throw new IOException(file + ": empty bundle file");
            return r.next();
        } catch (IOException | AvroRuntimeException e) {
            throw new IOException(file + ": not a FlowSentry model bundle: " + e.getMessage(), e);
        }
    }

    /** Reads the public keys a deployment trusts. */
    public static List<PublicKey> trustedKeys(List<Path> publicKeyFiles) throws IOException {
        List<PublicKey> keys = new ArrayList<>();
        for (Path p : publicKeyFiles) keys.add(BundleKeys.readPublic(p));
        return keys;
    }

    /**
     * Reads, verifies and builds the scorer of a bundle: everything a job or the evaluator must
     * check before using it.
     */
    public static EnsembleScorer load(Path file, List<PublicKey> trusted, boolean allowUnsigned) throws IOException, BundleRefusedException {
        return accept(read(file), trusted, allowUnsigned);
    }

    /** Verifies a bundle (from a file or the model topic) and builds its scorer. */
    public static EnsembleScorer accept(ModelBundle bundle, List<PublicKey> trusted, boolean allowUnsigned) throws BundleRefusedException {
        BundleSignatures.verify(bundle, trusted, allowUnsigned);
        try {
            return EnsembleScorer.of(bundle);
        } catch (IllegalArgumentException e) {
            throw new BundleRefusedException("model " + bundle.getModelId() + " v" + bundle.getModelVersion()
                    + " does not fit this FlowSentry: " + e.getMessage(), e);
        }
    }
}
