package org.flowsentry.cli;

import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.FlowFormats;
import picocli.CommandLine.Command;

/** Lists the input formats, in the order detection tries them. */
@Command(name = "formats", mixinStandardHelpOptions = true,
        description = "List the flow input formats FlowSentry reads (ids for --format), in detection order.")
final class FormatsCommand implements Runnable {
    @Override
    public void run() {
        for (FlowFormat f : FlowFormats.all()) {
            System.out.printf("%-18s %s%n", f.id(), f.description());
        }
    }
}
