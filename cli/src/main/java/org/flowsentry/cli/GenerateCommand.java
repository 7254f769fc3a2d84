package org.flowsentry.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowsentry.core.generate.GeneratorOptions;
import org.flowsentry.core.generate.ScenarioPlan;
import org.flowsentry.core.generate.ScenarioSpec;
import org.flowsentry.core.generate.TrafficGenerator;
import org.flowsentry.core.ingest.FlowSummary;
import org.flowsentry.core.output.FlowFileFormat;
import org.flowsentry.core.output.FlowWriter;
import org.flowsentry.schema.FlowRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a seeded, labelled synthetic traffic dataset. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a realistic labelled flow dataset: benign traffic of many hosts with a day/night rhythm,",
                "plus attack scenarios with ground truth. Same seed, same file."})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Output file; .avro, .csv or .json/.jsonl (optionally .gz) choose the format.")
    Path out;

    @Option(names = "--output-format", paramLabel = "FORMAT", description = "avro, csv or json (default: from the file name).")
    FlowFileFormat outputFormat;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", paramLabel = "INSTANT", description = "Start of the traffic, e.g. 2026-01-05T00:00:00Z (default: that).")
    Instant start;

    @Option(names = "--duration", defaultValue = "24h", paramLabel = "DURATION",
            description = "Length of the traffic, e.g. 90m, 6h, 2d (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--clients", defaultValue = "200", description = "Internal client hosts (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--servers", defaultValue = "12", description = "Servers (default: ${DEFAULT-VALUE}).")
    int servers;

    @Option(names = "--peak-rate", defaultValue = "100", paramLabel = "FLOWS/S",
            description = "Benign flows per second at the daily peak (default: ${DEFAULT-VALUE}).")
    double peakRate;

    @Option(names = "--scenarios", defaultValue = "all", paramLabel = "LIST",
            description = {"Attacks to inject: all, none, or a comma-separated list of name[@start][+duration][*intensity],",
                    "e.g. ssh-brute-force@2h+20m*2,port-scan-vertical. Names: port-scan-vertical, port-scan-horizontal,",
                    "syn-flood, ssh-brute-force, ftp-brute-force, exfiltration, dns-tunnelling, c2-beaconing, slowloris."})
    String scenarios;

    @Override
    public Integer call() throws Exception {
        Duration run = ScenarioSpec.parseDuration(duration);
        GeneratorOptions options = GeneratorOptions.defaults()
                .withSeed(seed)
                .withDuration(run)
                .withHosts(clients, servers)
                .withPeakFlowsPerSecond(peakRate)
                .withScenarios(ScenarioSpec.parseList(scenarios, run));
        if (start != null) options = options.withStartMs(start.toEpochMilli());
        FlowFileFormat format = outputFormat != null ? outputFormat : FlowFileFormat.fromFileName(out.getFileName().toString());
        if (format == null) throw new IllegalArgumentException("cannot tell the format from '" + out + "': use .avro, .csv or .json, or --output-format");
        TrafficGenerator generator = new TrafficGenerator(options);
        FlowSummary summary = new FlowSummary();
        long startMs = options.startMs();
        try (FlowWriter writer = format.open(out);
             Progress progress = Progress.start("generate", run.toSeconds(), " s traffic", 1)) {
            for (FlowRecord flow : generator) {
                writer.write(flow);
                summary.add(flow);
                if ((summary.flows() & 0xFFF) == 0) {
                    progress.stepTo((flow.getStartMs() - startMs) / 1000);
                    progress.extraMessage(String.format("%,d flows", summary.flows()));
                }
            }
            progress.stepTo(run.toSeconds());
        }
        System.out.printf("wrote %,d flows to %s (%s)%n", summary.flows(), out, format.readFormat().id());
        for (ScenarioPlan p : generator.plan()) {
            System.out.printf("  %-20s %s .. %s  %s -> %s%n", p.kind().label(), Instant.ofEpochMilli(p.startMs()),
                    Instant.ofEpochMilli(p.endMs()), p.source(), p.target());
        }
        for (Map.Entry<String, Long> e : summary.labels().entrySet()) {
            System.out.printf("  %-20s %,12d flows%n", e.getKey(), e.getValue());
        }
        return 0;
    }
}
