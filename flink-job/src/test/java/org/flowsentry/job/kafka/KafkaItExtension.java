package org.flowsentry.job.kafka;

import org.flowsentry.kafka.LocalKafkaBroker;
import org.flowsentry.kafka.testing.KafkaBrokerExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The job ITs' Kafka: one real broker per test class and a {@link KafkaTestClient} on it;
 * each test makes its own topics ({@link JobTopics}).
 * {@code @RegisterExtension static final KafkaItExtension KAFKA = new KafkaItExtension();}
 */
public final class KafkaItExtension implements BeforeAllCallback, AfterAllCallback {
    private final KafkaBrokerExtension broker = new KafkaBrokerExtension();
    private KafkaTestClient client;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        broker.beforeAll(context);
        client = new KafkaTestClient(broker.bootstrapServers());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (client != null) client.close();
        } finally {
            client = null;
            broker.afterAll(context);
        }
    }

    public LocalKafkaBroker broker() {
        return broker.broker();
    }

    public KafkaTestClient client() {
        if (client == null) throw new IllegalStateException("register the extension as a static field");
        return client;
    }
}
