package org.flowsentry.kafka;

import kafka.Kafka;
import kafka.tools.StorageTool;

/**
 * Main class of the broker JVM started by {@link LocalKafkaBroker} (under {@link WatchedMain}, which
 * stops the broker when the launching JVM goes away): formats the storage when asked, then runs
 * {@code kafka.Kafka}.
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
        if (args.length == 2) {
            // Same as `kafka-storage.sh format -t <id> -c <file>`; static quorum, so no --standalone.
            int code = StorageTool.execute(new String[] {"format", "-t", args[1], "-c", args[0]}, System.out);
            if (code != 0) {
                System.exit(code);
            }
        }
        Kafka.main(new String[] {args[0]});
    }
}
