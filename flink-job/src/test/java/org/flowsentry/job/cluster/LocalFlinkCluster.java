package org.flowsentry.job.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.taskexecutor.TaskManagerRunner;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.flowsentry.kafka.JvmProcess;

/**
 * A real Flink standalone session cluster on this machine, as {@code bin/start-cluster.sh} runs
 * one: a JobManager ({@link StandaloneSessionClusterEntrypoint}) and one TaskManager
 * ({@link TaskManagerRunner}), each in its own JVM ({@link JvmProcess}, like the local Kafka
 * broker), talking over Flink's RPC and REST on 127.0.0.1 only.
 *
 * <pre>{@code
 * try (LocalFlinkCluster flink = LocalFlinkCluster.start(dir, 2)) {
 *     String jarId = flink.rest().uploadJar(jar);
 *     ...
 * }
 * }</pre>
 *
 * <p>The classpath is the system property {@value #CLASSPATH_PROPERTY}, the Flink 2.2.1 jars that
 * Maven lists for failsafe (see flink-job/pom.xml): the modules a distribution's flink-dist jar
 * bundles plus its lib/'s log4j2 binding (and kafka-local's classes, for JvmProcess's watchdog
 * main). None of the job's classes or libraries: a job runs only with what its own jar carries.
 * Everything the cluster writes stays under its directory: config.yaml and the log4j2
 * configuration in conf/, jobmanager.log and taskmanager.log, uploaded jars and blobs in tmp/,
 * checkpoints in checkpoints/.
 */
public final class LocalFlinkCluster implements AutoCloseable {
    public static final String CLASSPATH_PROPERTY = "flowsentry.flinkClasspath";

    private static final String HOST = "127.0.0.1";
    /** Cold JVMs on 2 busy cores: about 20 s measured; a failure usually shows as an exited process much sooner. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /**
     * The module options of the distribution's conf/config.yaml ({@code env.java.opts.all}, "required
     * for Java 17 support"), which its scripts put on every Flink JVM's command line.
     */
    private static final List<String> JAVA_17_OPTIONS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");
    private static final String LOG4J2 = """
            # Written by LocalFlinkCluster. Everything to stdout, which goes into the process's log file.
            status = warn
            appender.out.type = Console
            appender.out.name = out
            appender.out.layout.type = PatternLayout
            appender.out.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1.} - %m%n
            rootLogger.level = INFO
            rootLogger.appenderRef.out.ref = out
            # The job's Kafka clients print every configuration at INFO.
            logger.kafka.name = org.apache.kafka
            logger.kafka.level = WARN
            """;

    private final Path dir;
    private final FlinkRest rest;
    private final List<JvmProcess> processes = new ArrayList<>();

    private LocalFlinkCluster(Path dir, URI restUri) {
        this.dir = dir;
        this.rest = new FlinkRest(restUri);
    }

    /**
     * Writes the configuration, starts the JobManager and the TaskManager, and waits until the
     * REST API reports the TaskManager registered.
     *
     * @param dir   the cluster's own directory (created)
     * @param slots task slots of the TaskManager
     * @throws IllegalStateException when a process exits or the cluster is not up within 120 s,
     *                               with the end of both logs; nothing is left running then
     */
    public static LocalFlinkCluster start(Path dir, int slots) {
        String classpath = System.getProperty(CLASSPATH_PROPERTY);
        if (classpath == null || classpath.isBlank() || classpath.contains("${")) {
            throw new IllegalStateException("system property " + CLASSPATH_PROPERTY + " is not set: run through"
                    + " `mvn verify` on flink-job, whose failsafe configuration sets it");
        }
        List<String> jars = Arrays.asList(classpath.split(File.pathSeparator));
        for (String jar : jars) {
            if (!Files.exists(Path.of(jar))) throw new IllegalStateException("Flink cluster jar " + jar + " is missing");
        }
        dir = dir.toAbsolutePath();
        LocalFlinkCluster cluster = null;
        try {
            int[] ports = JvmProcess.freePorts(2);
            Path conf = writeConfiguration(dir, ports[0], ports[1], slots);
            cluster = new LocalFlinkCluster(dir, URI.create("http://" + HOST + ":" + ports[1]));
            Configuration flinkConf = GlobalConfiguration.loadConfiguration(conf.toString());

            // The memory settings bin/jobmanager.sh and bin/taskmanager.sh derive from config.yaml
            // (through BashJavaUtils, which makes these calls): JVM sizes, and every memory pool
            // passed explicitly, as a TaskManager requires.
            JobManagerProcessSpec jm = JobManagerProcessUtils.processSpecFromConfig(flinkConf);
            cluster.launch("jobmanager", JobManagerProcessUtils.generateJvmParametersStr(jm, flinkConf),
                    StandaloneSessionClusterEntrypoint.class, JobManagerProcessUtils.generateDynamicConfigsStr(jm), jars, conf);
            TaskExecutorProcessSpec tm = TaskExecutorProcessUtils.processSpecFromConfig(flinkConf);
            cluster.launch("taskmanager", ProcessMemoryUtils.generateJvmParametersStr(tm),
                    TaskManagerRunner.class, TaskExecutorProcessUtils.generateDynamicConfigsStr(tm), jars, conf);
            cluster.awaitTaskManagers(1);
            return cluster;
        } catch (IOException | RuntimeException e) {
            if (cluster != null) cluster.close();
            if (e instanceof IOException io) throw new UncheckedIOException("cannot start a Flink cluster in " + dir, io);
            throw (RuntimeException) e;
        }
    }

    /** The cluster's REST API (what `flink run -m` and the web UI talk to). */
    public FlinkRest rest() {
        return rest;
    }

    public URI restUri() {
        return rest.base();
    }

    public Path checkpointDir() {
        return dir.resolve("checkpoints");
    }

    /** The JobManager and TaskManager JVMs, e.g. to check they are gone after {@link #close()}. */
    public List<ProcessHandle> processes() {
        return processes.stream().map(JvmProcess::handle).toList();
    }

    /** The end of both logs, for a failure message. */
    public String logTails() {
        StringBuilder sb = new StringBuilder();
        for (JvmProcess p : processes) {
            sb.append("---- end of ").append(p.logFile()).append(p.isAlive() ? "" : " (exited with " + p.exitValue() + ")")
                    .append(":\n").append(p.logTail());
        }
        return sb.toString();
    }

    /** Stops the TaskManager, then the JobManager: SIGTERM to each java process, SIGKILL after 30 s. Idempotent. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) processes.get(i).close();
    }

    /** config.yaml (flat keys, as Flink 2 reads them) and the log4j2 configuration; returns the conf dir. */
    private static Path writeConfiguration(Path dir, int rpcPort, int restPort, int slots) throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Map<String, String> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", HOST);
        c.put("jobmanager.rpc.port", Integer.toString(rpcPort));
        c.put("jobmanager.bind-host", HOST);
        c.put("rest.address", HOST);
        c.put("rest.bind-address", HOST);
        c.put("rest.port", Integer.toString(restPort));
        c.put("taskmanager.host", HOST);
        c.put("taskmanager.bind-host", HOST);
        c.put("taskmanager.numberOfTaskSlots", Integer.toString(slots));
        // Small for a 2-core box shared with a broker and the test: about 450 MB heap each. Managed
        // memory only serves RocksDB and batch jobs; the job keeps its state on the heap.
        c.put("jobmanager.memory.process.size", "1024m");
        c.put("taskmanager.memory.process.size", "1024m");
        c.put("taskmanager.memory.managed.size", "32m");
        // Temporary files, uploaded jars and blobs, and checkpoints all stay in this directory.
        c.put("io.tmp.dirs", tmp.toString());
        c.put("web.tmpdir", tmp.toString());
        c.put("blob.storage.directory", tmp.toString());
        c.put("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        // The storage the README suggests for heap state: the file system's, paced; loaded from the job jar.
        c.put("execution.checkpointing.storage", "org.flowsentry.job.checkpoint.PacedCheckpointStorageFactory");
        // A job that fails shows as FAILED at once instead of restarting.
        c.put("restart-strategy.type", "none");
        StringBuilder yaml = new StringBuilder("# Written by LocalFlinkCluster.\n");
        c.forEach((key, value) -> yaml.append(key).append(": '").append(value.replace("'", "''")).append("'\n"));
        Files.writeString(conf.resolve("config.yaml"), yaml, UTF_8);
        Files.writeString(conf.resolve("log4j2.properties"), LOG4J2, UTF_8);
        return conf;
    }

    private void launch(String name, String memoryJvmOptions, Class<?> main, String dynamicConfigs, List<String> jars, Path conf)
            throws IOException {
        Path log = dir.resolve(name + ".log");
        List<String> jvmOptions = new ArrayList<>(split(memoryJvmOptions));
        jvmOptions.addAll(JAVA_17_OPTIONS);
        jvmOptions.add("-Dlog.file=" + log); // where the REST API and web UI look for the log
        jvmOptions.add("-Dlog4j2.configurationFile=" + conf.resolve("log4j2.properties"));
        List<String> args = new ArrayList<>(List.of("--configDir", conf.toString()));
        args.addAll(split(dynamicConfigs)); // "-D key=value" pairs
        processes.add(JvmProcess.start("flink-" + name + "-" + restUri().getPort(), jvmOptions, jars, main.getName(), args,
                dir, log));
    }

    private static List<String> split(String options) {
        return Arrays.stream(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    /** Polls /overview until it reports this many TaskManagers; fails early when a process exits. */
    private void awaitTaskManagers(int count) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            for (JvmProcess p : processes) {
                if (!p.isAlive()) throw startFailure(p.logFile().getFileName() + "'s process exited with code " + p.exitValue());
            }
            try {
                JsonNode overview = rest.get("/overview");
                if (overview.path("taskmanagers").asInt() == count) return;
            } catch (UncheckedIOException | IllegalStateException e) {
                // The REST endpoint is not up yet.
            }
            if (System.nanoTime() > deadline) {
                throw startFailure("no " + count + " TaskManager(s) registered within " + START_TIMEOUT.toSeconds() + " s");
            }
            FlinkRest.sleep(250);
        }
    }

    private IllegalStateException startFailure(String what) {
        return new IllegalStateException("Flink cluster in " + dir + ": " + what + "\n" + logTails());
    }
}
