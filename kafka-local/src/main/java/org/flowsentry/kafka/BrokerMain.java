package org.flowsentry.kafka;

import java.io.IOException;
import kafka.Kafka;
import kafka.tools.StorageTool;

/**
 * Main class of the broker JVM started by {@link LocalKafkaBroker}: formats the storage when asked,
 * then runs {@code kafka.Kafka}, and stops the broker when the launching JVM goes away.
 *
 * <p>Arguments: {@code <server.properties> [<cluster id to format the storage with>]}. Formatting
 * here rather than in a separate {@code StorageTool} JVM saves one JVM start on a new data dir.
 */
final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: BrokerMain <server.properties> [<cluster id to format with>]");
            System.exit(2);
        }
        Thread watchdog = new Thread(BrokerMain::exitWhenLauncherIsGone, "launcher-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        if (args.length == 2) {
            // Same as `kafka-storage.sh format -t <id> -c <file>`; static quorum, so no --standalone.
            int code = StorageTool.execute(new String[] {"format", "-t", args[1], "-c", args[0]}, System.out);
            if (code != 0) {
                System.exit(code);
            }
        }
        Kafka.main(new String[] {args[0]});
    }

    /**
     * The launcher keeps our stdin open and never writes to it, so end of input means it exited,
     * even by SIGKILL, where its shutdown hook cannot run. System.exit runs Kafka's own shutdown
     * hook: the same clean stop as SIGTERM.
     */
    private static void exitWhenLauncherIsGone() {
        try {
            while (System.in.read() != -1) {
                // Nothing is ever sent; just wait for the end.
            }
        } catch (IOException e) {
            // A broken pipe also means the launcher is gone.
        }
        // Also seen on a normal stop: Process.destroy() closes our stdin right after the SIGTERM.
        System.err.println("BrokerMain: stdin closed (launcher stopped or gone); stopping the broker");
        System.exit(0);
    }
}
