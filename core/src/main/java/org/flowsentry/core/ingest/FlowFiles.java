package org.flowsentry.core.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens dataset files: decompresses .gz, detects the format unless one is given. */
public final class FlowFiles {
    private FlowFiles() {}

    /**
     * Opens a file for reading flows.
     *
     * @param format the format to use, or null to detect it from the file's beginning
     */
    public static FlowReader open(Path file, FlowFormat format, ReadErrors errors) throws IOException {
        FlowFormat chosen = format != null ? format : detect(file);
        InputStream in = decompressed(file);
        try {
            return chosen.open(in, file.toString(), errors);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The format of a file, or an error saying none matched and which ones exist. */
    public static FlowFormat detect(Path file) throws IOException {
        FileSample sample = sample(file);
        return FlowFormats.detect(sample).orElseThrow(() -> new IOException(file
                + ": unknown flow format; give one with --format (" + FlowFormats.ids() + ")"));
    }

    public static FileSample sample(Path file) throws IOException {
        try (InputStream in = decompressed(file)) {
            return new FileSample(file.getFileName().toString(), in.readNBytes(FileSample.SAMPLE_BYTES));
        }
    }

    private static InputStream decompressed(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (file.getFileName().toString().endsWith(".gz")) {
            return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        }
        return raw;
    }
}
