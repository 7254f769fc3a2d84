package org.flowsentry.kafka;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Main class of every JVM that {@link JvmProcess} starts: runs another main class and exits when
 * the launching JVM goes away.
 *
 * <p>Arguments: {@code <main class> [<its arguments>...]}.
 */
final class WatchedMain {

    private WatchedMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 1) {
            System.err.println("usage: WatchedMain <main class> [<arguments>...]");
            System.exit(2);
        }
        Thread watchdog = new Thread(WatchedMain::exitWhenLauncherIsGone, "launcher-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            Class.forName(args[0]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * The launcher keeps our stdin open and never writes to it, so end of input means it exited,
     * even by SIGKILL, where its shutdown hook cannot run. System.exit runs the program's own
     * shutdown hooks: the same clean stop as SIGTERM.
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
        System.err.println("WatchedMain: stdin closed (launcher stopped or gone); stopping");
        System.exit(0);
    }
}
