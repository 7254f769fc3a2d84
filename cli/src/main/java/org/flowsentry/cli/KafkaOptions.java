package org.flowsentry.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/** Where Kafka is and how to reach it: shared by the commands that produce to or consume from Kafka. */
final class KafkaOptions {
    @Option(names = "--bootstrap", defaultValue = "localhost:9092", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}; `flowsentry kafka` starts one there).")
    String bootstrap;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Java properties file of Kafka client settings (SASL/SSL, ...), passed to the client as they are.")
    Path config;

    /** The client properties: the file's, then the bootstrap servers. */
    Properties properties() throws IOException {
        Properties p = new Properties();
        if (config != null) {
            if (!Files.isRegularFile(config)) throw new IllegalArgumentException("no such Kafka config file: " + config);
            try (InputStream in = Files.newInputStream(config)) {
                p.load(in);
            }
        }
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }
}
