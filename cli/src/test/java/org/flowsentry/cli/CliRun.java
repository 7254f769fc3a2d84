package org.flowsentry.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Runs `flowsentry ...` in this JVM and captures what it prints. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        return run(cli -> {}, args);
    }

    /**
     * Runs on a new command line, handed to {@code created} first (e.g. for a test to hold the
     * command object and stop it). It is created after System.out and System.err are redirected:
     * picocli's writers for usage and error messages wrap the streams of their creation.
     */
    static CliRun run(Consumer<CommandLine> created, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        int code;
        try {
            CommandLine cli = FlowSentry.commandLine();
            created.accept(cli);
            code = cli.execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        CliRun run = new CliRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        // Shown in the test output, so that a failure says what the command printed.
        out.println("$ flowsentry " + String.join(" ", args) + "\n" + run.out() + run.err());
        return run;
    }
}
