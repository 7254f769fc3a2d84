package org.flowsentry.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.flowsentry.kafka.FlowSentryTopics;
import org.flowsentry.kafka.LocalKafkaBroker;
import org.flowsentry.kafka.TopicSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a local single-node Kafka broker with FlowSentry's topics until Ctrl-C. */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = {"Start a local single-node KRaft Kafka broker (no Docker: Kafka's own jars from Maven Central) and create",
                "the topics flows, alerts, models, flows-dlq and feedback. Runs until Ctrl-C; data survives restarts."})
final class KafkaCommand implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = ".flowsentry/kafka", paramLabel = "DIR",
            description = "Broker data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "9092", description = "Listener port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--heap", defaultValue = "1g", description = "Broker JVM heap (default: ${DEFAULT-VALUE}).")
    String heap;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dataDir);
        LocalKafkaBroker broker = new LocalKafkaBroker(LocalKafkaBroker.Options.defaults(dataDir.toAbsolutePath())
                .withPort(port).withHeap(heap));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "stop-kafka"));
        System.err.println("starting Kafka in " + dataDir + " ...");
        broker.start();
        FlowSentryTopics.createAll(broker.bootstrapServers());
        System.out.println("Kafka is ready at " + broker.bootstrapServers() + " (log: " + broker.options().logFile() + ")");
        for (TopicSpec t : FlowSentryTopics.all()) System.out.println("  topic " + t.name());
        System.out.println("Ctrl-C stops it.");
        stopped.await();
        return 0;
    }
}
