package org.flowsentry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `flowsentry` command line: one entry point for every tool of the project. */
@Command(name = "flowsentry",
        mixinStandardHelpOptions = true,
        versionProvider = FlowSentry.Version.class,
        description = "Real-time anomaly detection for network flows.",
        subcommands = {
                InspectCommand.class,
                GenerateCommand.class,
                KeygenCommand.class,
                KafkaCommand.class,
                JobCommand.class,
                DemoCommand.class,
                ReplayCommand.class,
                PublishCommand.class,
                AlertsCommand.class,
                TrainCommand.class,
                EvaluateCommand.class,
                ReportCommand.class,
                BenchmarkCommand.class,
                StreamBenchmarkCommand.class,
                FormatsCommand.class,
                CommandLine.HelpCommand.class
        })
public final class FlowSentry implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FlowSentry());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // Expected failures (bad files, bad options) get one readable line, not a stack trace.
            cmd.getErr().println(cmd.getColorScheme().errorText("flowsentry " + cmd.getCommandName() + ": " + message(ex)));
            if (System.getenv("FLOWSENTRY_DEBUG") != null) ex.printStackTrace(cmd.getErr());
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        return cli;
    }

    private static String message(Throwable ex) {
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.toString() : m;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = FlowSentry.class.getPackage().getImplementationVersion();
            return new String[] {"flowsentry " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
