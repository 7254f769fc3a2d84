package org.flowsentry.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.flowsentry.core.ingest.FlowFiles;
import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.FlowFormats;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.schema.FlowRecord;
import picocli.CommandLine.Option;

/** How input files are read: shared by every command that reads flow files. */
final class InputOptions {
    @Option(names = "--format", paramLabel = "ID",
            description = "Input format (default: detected from each file's beginning). `flowsentry formats` lists the ids.")
    String format;

    @Option(names = "--max-errors", paramLabel = "N", defaultValue = "-1",
            description = "Stop reading a file after more than N malformed rows (default: never; every one is counted).")
    long maxErrors;

    @Option(names = "--show-errors", paramLabel = "N", defaultValue = "5",
            description = "How many malformed rows to show per file, with line and reason (default: ${DEFAULT-VALUE}).")
    int showErrors;

    @Option(names = "--label", paramLabel = "LABEL",
            description = "Ground-truth label for flows that carry none, e.g. a capture known to be all attack traffic "
                    + "(BENIGN marks benign traffic).")
    String defaultLabel;

    /** What one file read produced. */
    record FileRead(Path file, FlowFormat format, ReadErrors errors) {}

    /** Reads every flow of a file into the sink, with a progress bar on a terminal. */
    FileRead read(Path file, Consumer<FlowRecord> sink) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
        FlowFormat chosen = format == null ? null : FlowFormats.require(format);
        ReadErrors errors = new ReadErrors(maxErrors < 0 ? ReadErrors.UNLIMITED : maxErrors, Math.max(showErrors, 0));
        long size = Files.size(file);
        boolean compressed = file.getFileName().toString().endsWith(".gz");
        try (FlowReader reader = FlowFiles.open(file, chosen, errors);
             Progress progress = Progress.start(file.getFileName().toString(), compressed ? -1 : size, " MB", 1 << 20)) {
            long n = 0;
            while (reader.hasNext()) {
                FlowRecord flow = reader.next();
                if (defaultLabel != null && flow.getLabel() == null) flow.setLabel(defaultLabel);
                sink.accept(flow);
                if ((++n & 0xFFF) == 0) progress.stepTo(reader.bytesRead());
            }
            progress.stepTo(compressed ? reader.bytesRead() : size);
            return new FileRead(file, reader.format(), errors);
        }
    }
}
