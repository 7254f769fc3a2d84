package org.flowsentry.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.flowsentry.job.FlowSentryJob;
import org.flowsentry.job.JobConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the streaming job on a local Flink MiniCluster with the web UI. */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = {"Run the FlowSentry streaming job on a local Flink MiniCluster (with the Flink web UI): flows from Kafka,",
                "alerts to Kafka. On a Flink cluster, submit flink-job's shaded jar with the same --flowsentry.* options.",
                "Every option: --set KEY=VALUE with the keys listed by --list-options."})
final class JobCommand implements Callable<Integer> {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (default: localhost:9092).",
            defaultValue = "localhost:9092")
    String bootstrap;

    @Option(names = "--model", paramLabel = "BUNDLE", description = "Initial model bundle; later ones come from the models topic.")
    Path model;

    @Option(names = "--trusted-key", paramLabel = "FILE", description = "Public key whose bundle signatures are trusted; repeat for several.")
    List<Path> trustedKeys = List.of();

    @Option(names = "--allow-unsigned", description = "Accept unsigned bundles (experiments only).")
    boolean allowUnsigned;

    @Option(names = "--input-format", paramLabel = "FORMAT", description = "avro, goflow2, pmacct or csv:<format-id> (default: avro).")
    String inputFormat;

    @Option(names = "--parallelism", description = "Job parallelism (default: the job's setting).")
    Integer parallelism;

    @Option(names = "--web-port", defaultValue = "8081", description = "Port of the Flink web UI (default: ${DEFAULT-VALUE}).")
    int webPort;

    @Option(names = "--checkpoints", defaultValue = ".flowsentry/checkpoints", paramLabel = "DIR",
            description = "Where checkpoints are written (default: ${DEFAULT-VALUE}).")
    Path checkpoints;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any job option, e.g. --set flowsentry.output.alert-format=json.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--list-options", description = "Print every job option with its default and exit.")
    boolean listOptions;

    @Override
    public Integer call() throws Exception {
        if (listOptions) {
            System.out.println(JobConfig.describe());
            return 0;
        }
        Map<String, String> values = new LinkedHashMap<>(settings);
        values.put(JobConfig.KAFKA_BOOTSTRAP_SERVERS.key(), bootstrap);
        if (model != null) values.put(JobConfig.MODEL_INITIAL_BUNDLE.key(), model.toAbsolutePath().toString());
        if (!trustedKeys.isEmpty()) {
            values.put(JobConfig.MODEL_TRUSTED_KEYS.key(),
                    String.join(";", trustedKeys.stream().map(p -> p.toAbsolutePath().toString()).toList()));
        }
        if (allowUnsigned) values.put(JobConfig.MODEL_ALLOW_UNSIGNED.key(), "true");
        if (inputFormat != null) values.put(JobConfig.INPUT_FORMAT.key(), inputFormat);
        if (parallelism != null) values.put(JobConfig.PARALLELISM.key(), parallelism.toString());
        JobConfig config = JobConfig.fromMap(values);
        FlowSentryJob job = new FlowSentryJob(config);

        StreamExecutionEnvironment env = LocalFlink.environment(checkpoints, webPort, config);
        System.err.printf("FlowSentry job on a local Flink MiniCluster: web UI http://localhost:%d, Kafka %s; Ctrl-C stops it%n",
                webPort, bootstrap);
        job.runOnKafka(env);
        return 0;
    }
}
