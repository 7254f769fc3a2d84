package org.flowsentry.core.ingest;

import java.io.IOException;
import java.io.InputStream;

/** One input format FlowSentry can read flows from. Implementations are stateless singletons. */
public interface FlowFormat {

    /** The name users give on the command line, e.g. "cicflowmeter", "nsl-kdd", "pcap". */
    String id();

    /** One line for `inspect` and `--help`. */
    String description();

    /** True when an input starting like this sample is in this format. */
    boolean matches(FileSample sample);

    /**
     * Reads flows from the (already decompressed) input. The reader owns the stream and closes it.
     *
     * @param source name used in error reports (usually the file path)
     */
    FlowReader open(InputStream in, String source, ReadErrors errors) throws IOException;
}
