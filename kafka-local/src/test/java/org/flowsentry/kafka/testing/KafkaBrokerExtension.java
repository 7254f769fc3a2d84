package org.flowsentry.kafka.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.flowsentry.kafka.LocalKafkaBroker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real broker (its own JVM, fresh data directory) for all tests of a class:
 * {@code @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();}.
 * Tests isolate themselves with a topic each, as the Kafka connector's own tests do.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {
    private Path dir;
    private LocalKafkaBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("flowsentry-kafka-" + context.getRequiredTestClass().getSimpleName());
        broker = new LocalKafkaBroker(LocalKafkaBroker.Options.defaults(dir)).start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (broker != null) broker.close();
        } finally {
            broker = null;
            if (dir != null) deleteTree(dir);
        }
    }

    public LocalKafkaBroker broker() {
        if (broker == null) throw new IllegalStateException("the broker runs only within the test class (register the extension as a static field)");
        return broker;
    }

    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
