package org.flowsentry.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A topic to create: name, partition count and topic-level configs (e.g. {@code max.message.bytes}).
 *
 * @param name       a legal Kafka topic name: 1 to 249 of {@code [a-zA-Z0-9._-]}, not "." or ".."
 * @param partitions at least 1
 * @param configs    topic configs; copied, never null
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);

    public TopicSpec {
        if (name == null || !LEGAL_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException(
                    "topic name must be 1 to 249 of [a-zA-Z0-9._-] and not '.' or '..', got '" + name + "'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1, got " + partitions);
        }
        if (configs == null) {
            throw new IllegalArgumentException("topic " + name + ": configs must not be null (use an empty map)");
        }
        configs = Map.copyOf(configs);
    }

    /** A topic with the given partitions and the broker's default configs. */
    public static TopicSpec of(String name, int partitions) {
        return new TopicSpec(name, partitions, Map.of());
    }

    /** This spec with one more topic config. */
    public TopicSpec withConfig(String key, String value) {
        Map<String, String> more = new HashMap<>(configs);
        more.put(key, value);
        return new TopicSpec(name, partitions, more);
    }

    /**
     * Creates the topics that do not exist yet on the cluster at {@code bootstrapServers}; topics
     * that exist are left exactly as they are (partitions and configs are not compared or changed).
     * The replication factor is the cluster's default (1 on a {@link LocalKafkaBroker}).
     *
     * @throws IllegalStateException if the cluster refuses a topic or does not answer within 60 s
     */
    public static void createAll(String bootstrapServers, Collection<TopicSpec> topics) {
        List<NewTopic> newTopics = topics.stream()
                .map(t -> new NewTopic(t.name(), Optional.of(t.partitions()), Optional.empty()).configs(t.configs()))
                .toList();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(newTopics).values();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                try {
                    result.getValue().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // Idempotent: an existing topic is what the caller asked for.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey() + " on "
                                + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw new IllegalStateException("no answer from " + bootstrapServers + " within "
                            + ADMIN_TIMEOUT.toSeconds() + " s while creating topic " + result.getKey(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating topic " + result.getKey(), e);
                }
            }
        }
    }
}
