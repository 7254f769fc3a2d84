package org.flowsentry.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java program in its own JVM, started by this one: the same {@code java}, its own classpath,
 * its output appended to a log file. Used for the local Kafka broker and for the processes of a
 * local Flink cluster in tests.
 *
 * <p>It stops on {@link #close()} (SIGTERM to the java process itself, SIGKILL after 30 s), when
 * this JVM shuts down (shutdown hook), and when this JVM dies without running its hooks: the
 * program runs under {@link WatchedMain}, which exits when its stdin, a pipe from this JVM, closes.
 */
public final class JvmProcess implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    private final Process process;
    private final Path logFile;
    private Thread shutdownHook;

    private JvmProcess(Process process, Path logFile, String name) {
        this.process = process;
        this.logFile = logFile;
        shutdownHook = new Thread(() -> stop(process), "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code mainClass} with {@code args} in a new JVM. The launched classpath is this
     * class's own location (for {@link WatchedMain}) followed by {@code classpath}; an existing
     * log file is kept with the suffix ".previous".
     *
     * @param name       for the shutdown hook's thread, e.g. "kafka-broker-9092"
     * @param jvmOptions options before the main class, e.g. {@code -Xmx512m}
     * @param workDir    the process's working directory
     * @param logFile    gets the process's stdout and stderr
     */
    public static JvmProcess start(String name, List<String> jvmOptions, List<String> classpath, String mainClass,
                                   List<String> args, Path workDir, Path logFile) throws IOException {
        Files.createDirectories(logFile.getParent());
        if (Files.exists(logFile)) {
            Files.move(logFile, Path.of(logFile + ".previous"), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> entries = new ArrayList<>();
        entries.add(ownLocation().toString());
        entries.addAll(classpath);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, entries), WatchedMain.class.getName(), mainClass));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile.toFile()))
                .start();
        // Stdin stays an open pipe that nobody writes to: WatchedMain exits when it closes.
        return new JvmProcess(process, logFile, name);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code; only once the process has ended. */
    public int exitValue() {
        return process.exitValue();
    }

    /** The java process, e.g. to check it is alive; still available after {@link #close()}. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public Path logFile() {
        return logFile;
    }

    /** The last 40 lines of the log, preceded by its first ERROR line if that is further up. */
    public String logTail() {
        List<String> lines;
        try {
            lines = new String(Files.readAllBytes(logFile), UTF_8).lines().toList();
        } catch (IOException e) {
            return "(cannot read it: " + e + ")";
        }
        int from = Math.max(0, lines.size() - LOG_TAIL_LINES);
        StringBuilder tail = new StringBuilder();
        for (int i = 0; i < from; i++) {
            if (lines.get(i).contains(" ERROR ")) {
                tail.append(lines.get(i)).append("\n...\n");
                break;
            }
        }
        lines.subList(from, lines.size()).forEach(line -> tail.append(line).append('\n'));
        return tail.toString();
    }

    /** Stops the process: SIGTERM (the program's own clean shutdown), SIGKILL after 30 s. Idempotent. */
    @Override
    public synchronized void close() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // This JVM is shutting down; the hook stops the process.
            }
            shutdownHook = null;
        }
        stop(process);
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM to the java process itself.
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Distinct free ports on 127.0.0.1: all sockets are open together, so no port repeats. */
    public static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    private static Path ownLocation() {
        try {
            return Path.of(JvmProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot locate the kafka-local classes for a child JVM", e);
        }
    }
}
