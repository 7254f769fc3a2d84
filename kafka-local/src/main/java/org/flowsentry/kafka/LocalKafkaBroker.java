package org.flowsentry.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) in its own JVM,
 * listening on 127.0.0.1 only; for {@code flowsentry kafka} and for integration tests.
 *
 * <pre>{@code
 * try (LocalKafkaBroker broker = new LocalKafkaBroker(Options.defaults(dir)).start()) {
 *     broker.createTopics(TopicSpec.of("flows", 1));
 *     ... broker.bootstrapServers() ...
 * }
 * }</pre>
 *
 * <p>The broker JVM is a {@link JvmProcess} with the classpath Maven wrote into
 * {@code broker-classpath.txt}. It stops on {@link #close()} (SIGTERM, then SIGKILL after 30 s),
 * when this JVM shuts down, and when this JVM dies without running its hooks. Keep the data dir
 * to keep the topics: a restart reuses them.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    /** Directory under the data dir holding Kafka's log dir (and the KRaft metadata log). */
    static final String LOG_DIRS = "kraft-combined-logs";

    private static final String HOST = "127.0.0.1";

    /** Properties this class sets itself; extra broker properties may not override them. */
    private static final Set<String> OWN_PROPERTIES = Set.of(
            "process.roles", "node.id", "listeners", "advertised.listeners", "listener.security.protocol.map",
            "controller.listener.names", "controller.quorum.voters", "controller.quorum.bootstrap.servers",
            "inter.broker.listener.name", "log.dirs", "log.dir", "metadata.log.dir");

    /**
     * Options of a local broker. {@link #defaults(Path)} gives every default; the {@code with...}
     * methods change one field. All fields are checked here, so a bad value fails before any
     * process starts.
     *
     * @param dataDir          the broker's own directory (server.properties, Kafka's log dir, the
     *                         log file); created if missing; made absolute
     * @param port             PLAINTEXT port on 127.0.0.1; 0 (default) picks a free port at each start
     * @param nodeId           KRaft node id, 0 or more (default 1); must stay the same for a data dir
     * @param clusterId        null (default): the id stored in the data dir, or a new random one for
     *                         a new data dir; otherwise the id the data dir must have (a Kafka
     *                         base64 UUID, as from {@code Uuid.randomUuid()})
     * @param heap             maximum heap of the broker JVM as for {@code -Xmx} (default "512m")
     * @param brokerProperties extra server.properties entries, e.g. {@code message.max.bytes}
     *                         (default none); the listener, role, node id and directory
     *                         properties are set by this class and refused here
     * @param logFile          file that gets the broker JVM's output (default {@code
     *                         dataDir/broker.log}); the previous start's file is kept with the
     *                         suffix ".previous"
     * @param startTimeout     how long {@link #start()} waits for the broker to answer (default 60 s)
     */
    public record Options(Path dataDir, int port, int nodeId, String clusterId, String heap,
                          Map<String, String> brokerProperties, Path logFile, Duration startTimeout) {

        private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

        public Options {
            if (dataDir == null) {
                throw new IllegalArgumentException("dataDir must not be null");
            }
            dataDir = dataDir.toAbsolutePath();
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 (pick a free one) to 65535, got " + port);
            }
            if (nodeId < 0) {
                throw new IllegalArgumentException("nodeId must be 0 or more, got " + nodeId);
            }
            if (clusterId != null) {
                try {
                    Uuid.fromString(clusterId);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("clusterId must be a Kafka base64 UUID of 22 characters"
                            + " (as from Uuid.randomUuid()), got '" + clusterId + "'", e);
                }
            }
            if (heap == null || !HEAP.matcher(heap).matches()) {
                throw new IllegalArgumentException("heap must be a size as for -Xmx, like 512m or 2g, got '" + heap + "'");
            }
            if (brokerProperties == null) {
                throw new IllegalArgumentException("brokerProperties must not be null (use an empty map)");
            }
            for (Map.Entry<String, String> p : brokerProperties.entrySet()) {
                if (OWN_PROPERTIES.contains(p.getKey())) {
                    throw new IllegalArgumentException("broker property " + p.getKey()
                            + " is set by LocalKafkaBroker and cannot be overridden");
                }
                if (p.getValue() == null || p.getValue().contains("\n")) {
                    throw new IllegalArgumentException("broker property " + p.getKey()
                            + " needs a one-line value, got " + p.getValue());
                }
            }
            brokerProperties = Map.copyOf(brokerProperties);
            if (logFile == null) {
                throw new IllegalArgumentException("logFile must not be null");
            }
            logFile = logFile.toAbsolutePath();
            if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, got " + startTimeout);
            }
        }

        /** Port 0 (free port), node 1, cluster id from the data dir, 512m heap, no extra properties, log in the data dir, 60 s to start. */
        public static Options defaults(Path dataDir) {
            if (dataDir == null) {
                throw new IllegalArgumentException("dataDir must not be null");
            }
            return new Options(dataDir, 0, 1, null, "512m", Map.of(), dataDir.resolve("broker.log"),
                    Duration.ofSeconds(60));
        }

        public Options withPort(int port) {
            return new Options(dataDir, port, nodeId, clusterId, heap, brokerProperties, logFile, startTimeout);
        }

        public Options withNodeId(int nodeId) {
            return new Options(dataDir, port, nodeId, clusterId, heap, brokerProperties, logFile, startTimeout);
        }

        public Options withClusterId(String clusterId) {
            return new Options(dataDir, port, nodeId, clusterId, heap, brokerProperties, logFile, startTimeout);
        }

        public Options withHeap(String heap) {
            return new Options(dataDir, port, nodeId, clusterId, heap, brokerProperties, logFile, startTimeout);
        }

        /** These options with one more extra broker property. */
        public Options withBrokerProperty(String key, String value) {
            Map<String, String> more = new LinkedHashMap<>(brokerProperties);
            more.put(key, value);
            return new Options(dataDir, port, nodeId, clusterId, heap, more, logFile, startTimeout);
        }

        public Options withLogFile(Path logFile) {
            return new Options(dataDir, port, nodeId, clusterId, heap, brokerProperties, logFile, startTimeout);
        }

        public Options withStartTimeout(Duration startTimeout) {
            return new Options(dataDir, port, nodeId, clusterId, heap, brokerProperties, logFile, startTimeout);
        }
    }

    private final Options options;
    private JvmProcess process;
    private String clusterId;
    private int port;
    private boolean closed;

    /** A broker that is not running yet; see {@link #start()}. */
    public LocalKafkaBroker(Options options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
    }

    /**
     * Writes server.properties, formats the storage if the data dir is new, starts the broker JVM
     * and waits until it answers. Once per instance; use a new instance on the same data dir to
     * restart.
     *
     * @return this broker, running
     * @throws IllegalStateException if the broker exits or does not answer within the start
     *                               timeout (the message holds the end of its log), or if the
     *                               data dir belongs to another cluster id than the options ask
     */
    public synchronized LocalKafkaBroker start() {
        if (process != null || closed) {
            throw new IllegalStateException("a LocalKafkaBroker starts once; create a new one to restart");
        }
        Path dataDir = options.dataDir();
        Path logDirs = dataDir.resolve(LOG_DIRS);
        try {
            Files.createDirectories(dataDir);
            Optional<String> storedId = storedClusterId(logDirs);
            if (storedId.isPresent() && options.clusterId() != null && !storedId.get().equals(options.clusterId())) {
                throw new IllegalStateException("data dir " + dataDir + " holds cluster " + storedId.get()
                        + " but the options ask for cluster " + options.clusterId());
            }
            // Format only a new data dir; a restart reuses the stored cluster id and data.
            String formatWith = storedId.isPresent() ? null
                    : options.clusterId() != null ? options.clusterId() : Uuid.randomUuid().toString();
            clusterId = storedId.orElse(formatWith);

            int[] ports = JvmProcess.freePorts(options.port() == 0 ? 2 : 1);
            port = options.port() == 0 ? ports[1] : options.port();
            int controllerPort = ports[0];

            Path serverProperties = dataDir.resolve("server.properties");
            Files.writeString(serverProperties, serverProperties(logDirs, port, controllerPort), UTF_8);
            Path log4jConfig = dataDir.resolve("log4j2.properties");
            try (InputStream in = resource("broker-log4j2.properties")) {
                Files.copy(in, log4jConfig, StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> jvmOptions = List.of(
                    "-Xmx" + options.heap(),
                    // Kafka's own JVM defaults (kafka-run-class.sh).
                    "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35",
                    "-XX:+ExplicitGCInvokesConcurrent", "-Djava.awt.headless=true",
                    // C1 only: measured on 2 busy cores, the broker starts in about half the time
                    // (4-6 s instead of 9-10 s) and a local producer still gets 60-90k records/s.
                    "-XX:TieredStopAtLevel=1",
                    "-Dlog4j2.configurationFile=" + log4jConfig);
            List<String> args = new ArrayList<>(List.of(serverProperties.toString()));
            if (formatWith != null) {
                args.add(formatWith);
            }
            process = JvmProcess.start("kafka-broker-" + port, jvmOptions, brokerClasspath(), BrokerMain.class.getName(),
                    args, dataDir, options.logFile());
            waitUntilReady();
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start a Kafka broker in " + dataDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public synchronized String bootstrapServers() {
        requireStarted();
        return HOST + ":" + port;
    }

    /** The PLAINTEXT port (the chosen one when the options say 0). */
    public synchronized int port() {
        requireStarted();
        return port;
    }

    /** The cluster id stored in the data dir. */
    public synchronized String clusterId() {
        requireStarted();
        return clusterId;
    }

    /** The broker JVM, e.g. to check it is alive; still available after {@link #close()}. */
    public synchronized ProcessHandle process() {
        requireStarted();
        return process.handle();
    }

    public Options options() {
        return options;
    }

    /** Creates the topics that do not exist yet; see {@link TopicSpec#createAll}. */
    public void createTopics(Collection<TopicSpec> topics) {
        TopicSpec.createAll(bootstrapServers(), topics);
    }

    /** Creates the topics that do not exist yet; see {@link TopicSpec#createAll}. */
    public void createTopics(TopicSpec... topics) {
        createTopics(Arrays.asList(topics));
    }

    /** Stops the broker JVM: SIGTERM (Kafka's clean shutdown), SIGKILL after 30 s. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (process != null) {
            process.close();
        }
    }

    private void requireStarted() {
        if (process == null) {
            throw new IllegalStateException("the broker is not started");
        }
    }

    /** Polls describeCluster until the broker answers, it exits, or the start timeout passes. */
    private void waitUntilReady() {
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + port);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        try (Admin admin = Admin.create(props)) {
            while (true) {
                if (!process.isAlive()) {
                    throw startFailure("exited with code " + process.exitValue() + " while starting");
                }
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(1000))
                            .nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // Not listening yet.
                }
                if (System.nanoTime() > deadline) {
                    throw startFailure("did not answer within " + options.startTimeout().toSeconds() + " s");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker to start", e);
        }
    }

    private IllegalStateException startFailure(String what) {
        return new IllegalStateException("Kafka broker in " + options.dataDir() + " " + what
                + "; end of its log " + options.logFile() + ":\n" + process.logTail());
    }

    private String serverProperties(Path logDirs, int port, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        // KRaft, broker and controller in one JVM, static quorum of this node: a restart may pick
        // a new controller port (a dynamic quorum would store the old one in its metadata log).
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(options.nodeId()));
        p.put("controller.quorum.voters", options.nodeId() + "@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDirs.toString());
        // One node: every internal topic has one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // One partition instead of 50 per internal topic: the first consumer group, transaction
        // or share group on a fresh broker is ready sooner, and one node gains nothing from 50.
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.num.partitions", "1");
        // No 3 s wait for more members before a new group's first rebalance.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.putAll(options.brokerProperties());

        StringBuilder text = new StringBuilder("# Written by LocalKafkaBroker at each start; edits are overwritten.\n");
        // Properties.load treats a backslash as an escape.
        p.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        return text.toString();
    }

    /** The cluster id in the log dir's meta.properties, if the storage is formatted. */
    private static Optional<String> storedClusterId(Path logDirs) throws IOException {
        Path meta = logDirs.resolve("meta.properties");
        if (!Files.exists(meta)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            props.load(in);
        }
        return Optional.ofNullable(props.getProperty("cluster.id"));
    }

    /** The broker's runtime classpath that Maven wrote at build time; every entry must exist. */
    private static List<String> brokerClasspath() throws IOException {
        String listed;
        try (InputStream in = resource("broker-classpath.txt")) {
            listed = new String(in.readAllBytes(), UTF_8).trim();
        }
        List<String> entries = new ArrayList<>();
        for (String entry : listed.split(java.io.File.pathSeparator)) {
            if (!Files.exists(Path.of(entry))) {
                throw new IllegalStateException("the Kafka broker jar " + entry + " listed in broker-classpath.txt"
                        + " is missing; rebuild the project (e.g. ./mvnw -pl kafka-local -am package)");
            }
            entries.add(entry);
        }
        return entries;
    }

    private static InputStream resource(String name) {
        InputStream in = LocalKafkaBroker.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("resource org/flowsentry/kafka/" + name + " is missing;"
                    + " build kafka-local with Maven (it is generated at build time)");
        }
        return in;
    }
}
