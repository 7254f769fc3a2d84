package org.flowsentry.core.generate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link TrafficGenerator} produces. The same options (seed included) always give the same
 * flows. Defaults: seed 1; a 24 h run from Monday 2026-01-05 00:00 UTC (the simulated site's local
 * time is UTC); 200 clients and 12 servers; 100 benign flows/s at the daily peak; every scenario,
 * spread over the run with {@link ScenarioSpec#spread}.
 *
 * @param seed               seed of every random choice
 * @param startMs            start of the run, epoch ms UTC (0 or later)
 * @param duration           length of the run, 1 s to 366 days
 * @param clientHosts        internal workstations in 10.0.0.0/16, 1 to {@value #MAX_CLIENT_HOSTS}
 * @param servers            internal servers in 10.1.0.0/16, 1 to {@value #MAX_SERVERS}; roles (DNS,
 *                           directory, file, mail, web, SSH, FTP, backup, monitoring) are dealt to
 *                           them in turn, so 10 or more gives each role its own host
 * @param peakFlowsPerSecond benign flows per second on a weekday between 10:00 and 11:00 (above 0,
 *                           at most {@value #MAX_PEAK_FLOWS_PER_SECOND}); nights run at about a tenth,
 *                           weekends lower; monitoring and nightly backups come on top
 * @param scenarios          the attacks, each inside the run
 */
public record GeneratorOptions(long seed, long startMs, Duration duration, int clientHosts, int servers,
                               double peakFlowsPerSecond, List<ScenarioSpec> scenarios) {
    public static final long DEFAULT_SEED = 1;
    /** Monday 2026-01-05 00:00 UTC: a fixed start, so output does not depend on the clock. */
    public static final long DEFAULT_START_MS = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    public static final Duration DEFAULT_DURATION = Duration.ofHours(24);
    public static final int DEFAULT_CLIENT_HOSTS = 200;
    public static final int DEFAULT_SERVERS = 12;
    public static final double DEFAULT_PEAK_FLOWS_PER_SECOND = 100;

    public static final int MAX_CLIENT_HOSTS = 50_000;
    public static final int MAX_SERVERS = 1_000;
    public static final double MAX_PEAK_FLOWS_PER_SECOND = 100_000;
    public static final Duration MAX_DURATION = Duration.ofDays(366);
    /** Latest start: year 9999, far from overflow. */
    public static final long MAX_START_MS = Instant.parse("9999-01-01T00:00:00Z").toEpochMilli();

    public GeneratorOptions {
        if (startMs < 0 || startMs > MAX_START_MS) {
            throw new IllegalArgumentException("startMs must be between 0 and " + MAX_START_MS + " (epoch ms), got " + startMs);
        }
        if (duration == null || duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration must be between 1 s and " + MAX_DURATION.toDays() + " days, got " + duration);
        }
        if (clientHosts < 1 || clientHosts > MAX_CLIENT_HOSTS) {
            throw new IllegalArgumentException("clientHosts must be between 1 and " + MAX_CLIENT_HOSTS + ", got " + clientHosts);
        }
        if (servers < 1 || servers > MAX_SERVERS) {
            throw new IllegalArgumentException("servers must be between 1 and " + MAX_SERVERS + ", got " + servers);
        }
        if (!(peakFlowsPerSecond > 0 && peakFlowsPerSecond <= MAX_PEAK_FLOWS_PER_SECOND)) {
            throw new IllegalArgumentException("peakFlowsPerSecond must be above 0 and at most "
                    + MAX_PEAK_FLOWS_PER_SECOND + ", got " + peakFlowsPerSecond);
        }
        if (scenarios == null) throw new IllegalArgumentException("scenarios must not be null (use an empty list)");
        for (ScenarioSpec spec : scenarios) {
            if (spec == null) throw new IllegalArgumentException("scenarios must not contain null");
            if (spec.endOffset().compareTo(duration) > 0) {
                throw new IllegalArgumentException("scenario " + spec.kind().cliName() + " runs from "
                        + spec.startOffset() + " to " + spec.endOffset() + ", beyond the end of the run (" + duration + ")");
            }
        }
        scenarios = List.copyOf(scenarios);
    }

    /** The documented defaults. */
    public static GeneratorOptions defaults() {
        return new GeneratorOptions(DEFAULT_SEED, DEFAULT_START_MS, DEFAULT_DURATION, DEFAULT_CLIENT_HOSTS,
                DEFAULT_SERVERS, DEFAULT_PEAK_FLOWS_PER_SECOND,
                ScenarioSpec.spread(DEFAULT_DURATION, List.of(ScenarioKind.values())));
    }

    /** End of the run, epoch ms (exclusive). */
    public long endMs() {
        return startMs + duration.toMillis();
    }

    public GeneratorOptions withSeed(long seed) {
        return new GeneratorOptions(seed, startMs, duration, clientHosts, servers, peakFlowsPerSecond, scenarios);
    }

    public GeneratorOptions withStartMs(long startMs) {
        return new GeneratorOptions(seed, startMs, duration, clientHosts, servers, peakFlowsPerSecond, scenarios);
    }

    /**
     * A run of another length. The scenarios keep their kinds and intensities but are placed again
     * with the default layout for the new length; call {@link #withScenarios} afterwards for
     * explicit times.
     */
    public GeneratorOptions withDuration(Duration duration) {
        if (duration == null) throw new IllegalArgumentException("duration must not be null");
        List<ScenarioKind> kinds = scenarios.stream().map(ScenarioSpec::kind).toList();
        List<ScenarioSpec> placed = new ArrayList<>(ScenarioSpec.spread(duration, kinds));
        for (int i = 0; i < placed.size(); i++) {
            ScenarioSpec p = placed.get(i);
            placed.set(i, new ScenarioSpec(p.kind(), p.startOffset(), p.duration(), scenarios.get(i).intensity()));
        }
        return new GeneratorOptions(seed, startMs, duration, clientHosts, servers, peakFlowsPerSecond, placed);
    }

    public GeneratorOptions withHosts(int clientHosts, int servers) {
        return new GeneratorOptions(seed, startMs, duration, clientHosts, servers, peakFlowsPerSecond, scenarios);
    }

    public GeneratorOptions withPeakFlowsPerSecond(double peakFlowsPerSecond) {
        return new GeneratorOptions(seed, startMs, duration, clientHosts, servers, peakFlowsPerSecond, scenarios);
    }

    public GeneratorOptions withScenarios(List<ScenarioSpec> scenarios) {
        return new GeneratorOptions(seed, startMs, duration, clientHosts, servers, peakFlowsPerSecond, scenarios);
    }

    /** These kinds, placed with the default layout over the run. */
    public GeneratorOptions withScenarioKinds(List<ScenarioKind> kinds) {
        return withScenarios(ScenarioSpec.spread(duration, kinds));
    }
}
