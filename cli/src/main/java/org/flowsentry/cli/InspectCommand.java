package org.flowsentry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.ingest.FlowSummary;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.ingest.TooManyErrorsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Reads dataset files and says what is in them. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Read flow files; print per file: format, flows, malformed rows, time span, labels.",
                "Reads every supported dataset and exporter format; .gz files are decompressed."})
final class InspectCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Flow files to read.")
    List<Path> files;

    @Option(names = "--json", description = "One JSON object per file and line, with keys file, format, flows, malformed, "
            + "malformed_examples, skipped, notes, time_span, labels, attack_categories, protocols.")
    boolean json;

    @Mixin
    InputOptions input;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws IOException {
        int failed = 0;
        for (Path file : files) {
            FlowSummary summary = new FlowSummary();
            InputOptions.FileRead read;
            try {
                read = input.read(file, summary::add);
            } catch (IOException | IllegalArgumentException | TooManyErrorsException e) {
                // One unreadable file does not hide what the others contain.
                failed++;
                if (json) System.out.println(JSON.writeValueAsString(JSON.createObjectNode().put("file", file.toString()).put("error", e.getMessage())));
                else System.err.println("flowsentry inspect: " + e.getMessage());
                continue;
            }
            if (json) System.out.println(JSON.writeValueAsString(toJson(read, summary)));
            else printText(read, summary);
        }
        return failed == 0 ? 0 : 1;
    }

    static ObjectNode toJson(InputOptions.FileRead read, FlowSummary s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", read.file().toString());
        o.put("format", read.format().id());
        o.put("flows", s.flows());
        o.put("malformed", read.errors().count());
        var examples = o.putArray("malformed_examples");
        for (ReadErrors.Malformed m : read.errors().examples()) {
            examples.addObject().put("line", m.line()).put("reason", m.reason());
        }
        ObjectNode skipped = o.putObject("skipped");
        read.errors().skippedByKind().forEach(skipped::put);
        var notes = o.putArray("notes");
        read.errors().notes().forEach(notes::add);
        ObjectNode span = o.putObject("time_span");
        if (s.firstStartMs() != null) {
            span.put("start", Instant.ofEpochMilli(s.firstStartMs()).toString());
            span.put("end", Instant.ofEpochMilli(s.lastEndMs()).toString());
            span.put("timed_flows", s.timedFlows());
        }
        ObjectNode labels = o.putObject("labels");
        s.labels().forEach(labels::put);
        ObjectNode categories = o.putObject("attack_categories");
        s.attackCategories().forEach(categories::put);
        ObjectNode protocols = o.putObject("protocols");
        s.protocols().forEach((p, n) -> protocols.put(Protocols.name(p), n));
        return o;
    }

    private void printText(InputOptions.FileRead read, FlowSummary s) {
        ReadErrors errors = read.errors();
        System.out.println(read.file());
        System.out.printf("  format      %s%n", read.format().id());
        System.out.printf("  flows       %,d%n", s.flows());
        System.out.printf("  malformed   %,d%n", errors.count());
        for (ReadErrors.Malformed m : errors.examples()) System.out.printf("              line %d: %s%n", m.line(), m.reason());
        if (errors.count() > errors.examples().size()) {
            System.out.printf("              ... %,d more%n", errors.count() - errors.examples().size());
        }
        errors.skippedByKind().forEach((kind, n) -> System.out.printf("  skipped     %,d %s%n", n, kind));
        for (String note : errors.notes()) System.out.printf("  note        %s%n", note);
        if (s.firstStartMs() == null) {
            System.out.println("  time span   none (no timestamps)");
        } else {
            Duration d = Duration.ofMillis(s.lastEndMs() - s.firstStartMs());
            System.out.printf("  time span   %s .. %s (%s)%s%n", Instant.ofEpochMilli(s.firstStartMs()),
                    Instant.ofEpochMilli(s.lastEndMs()), d.toString().substring(2).toLowerCase(),
                    s.timedFlows() < s.flows() ? String.format(", %,d flows without time", s.flows() - s.timedFlows()) : "");
        }
        System.out.println("  labels      " + counts(s.labels(), s.flows()));
        if (!s.attackCategories().isEmpty()) System.out.println("  categories  " + counts(s.attackCategories(), s.flows()));
        System.out.println();
    }

    /** "BENIGN 5,087 (70.0%), Web Attack - Brute Force 1,507 (20.7%)", largest first. */
    private static String counts(Map<String, Long> counts, long total) {
        StringBuilder sb = new StringBuilder();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> {
                    if (sb.length() > 0) sb.append("\n              ");
                    sb.append(String.format("%-32s %,10d  %5.1f%%", e.getKey(), e.getValue(), 100.0 * e.getValue() / total));
                });
        return sb.toString();
    }
}
