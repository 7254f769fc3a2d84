package org.flowsentry.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * CPU time spent between two instants by this JVM (in all, and per thread group: a Flink task,
 * Kafka's producer threads; the JVM's own threads, which Java does not list, as {@link #REST}) and
 * by the broker's JVM. Unlike a rate it does not depend on what else runs on the machine, so it
 * shows where the time goes on a shared machine.
 */
final class CpuUse {
    /** CPU time so far, in nanoseconds. */
    record Snapshot(long jvm, long broker, Map<String, Long> threads) {}

    /**
     * Microseconds of CPU per flow between two snapshots; threads: the groups of at least 0.1 µs,
     * largest first, {@link #REST} among them.
     */
    record PerFlow(double jvmMicros, double brokerMicros, Map<String, Double> threads) {}

    private static final Pattern SUBTASK = Pattern.compile("\\s*\\(\\d+/\\d+\\)(#\\d+)?$");
    private static final Pattern NUMBERED = Pattern.compile("[-#]?\\d+$");

    /**
     * The JVM's CPU that no listed Java thread used: its garbage collector and JIT compiler threads
     * (hidden from Java's thread list) and threads that ended between the two snapshots.
     */
    static final String REST = "rest of the JVM";

    private CpuUse() {}

    static Snapshot take(ProcessHandle broker) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> threads = new TreeMap<>();
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t == null) continue; // ended meanwhile
            long cpu = mx.getThreadCpuTime(t.getThreadId());
            if (cpu > 0) threads.merge(group(t.getThreadName()), cpu, Long::sum);
        }
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        long brokerCpu = broker.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        return new Snapshot(jvm, brokerCpu, threads);
    }

    static PerFlow perFlow(Snapshot from, Snapshot to, long flows) {
        Map<String, Long> used = new TreeMap<>();
        to.threads().forEach((group, cpu) -> used.put(group, cpu - from.threads().getOrDefault(group, 0L)));
        long jvm = to.jvm() - from.jvm();
        used.put(REST, jvm - used.values().stream().mapToLong(Long::longValue).sum());
        Map<String, Double> threads = new LinkedHashMap<>();
        used.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), micros(e.getValue(), flows)))
                .filter(e -> e.getValue() >= 0.1)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> threads.put(e.getKey(), e.getValue()));
        return new PerFlow(micros(jvm, flows), micros(to.broker() - from.broker(), flows), threads);
    }

    /**
     * The thread's group: a Flink task's name without its subtask and attempt ("score flows -> ...
     * (1/1)#0"), a pool's name without its number ("kafka-producer-network-thread | producer-5").
     */
    static String group(String threadName) {
        String name = SUBTASK.matcher(threadName).replaceFirst("");
        return NUMBERED.matcher(name).replaceFirst("");
    }

    private static double micros(long nanos, long flows) {
        return nanos / 1e3 / flows;
    }
}
