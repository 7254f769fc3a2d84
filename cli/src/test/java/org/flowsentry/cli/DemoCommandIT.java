package org.flowsentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default a new user runs first, shortened (6 minutes of traffic, a model trained on
 * 40 minutes), run twice in the same work directory: each run starts clean, accounts for every
 * replayed flow and finds most attack flows.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class DemoCommandIT {
    private static final Pattern REPLAYED = Pattern.compile("flows replayed\\s+([\\d,]+)");
    private static final Pattern SCORED = Pattern.compile("flows scored\\s+([\\d,]+) \\(dead letters ([\\d,]+)\\)");
    private static final Pattern ATTACKS = Pattern.compile("attack flows\\s+([\\d,]+), of which flagged ([\\d,]+)");
    private static final Pattern WARM_UP = Pattern.compile("warm-up\\s+([\\d,]+) benign flows scored");

    @TempDir
    Path dir;

    @Test
    void runsTwiceInTheSameWorkDirectoryAndAccountsForEveryFlow() throws Exception {
        Path work = dir.resolve("demo");
        long firstReplayed = -1;
        for (int run = 1; run <= 2; run++) {
            CliRun demo = CliRun.run("demo", "--duration", "6m", "--train-duration", "40m", "--work-dir", work.toString(),
                    "--show", "3");
            assertThat(demo.exitCode()).as(demo.err()).isZero();
            String out = demo.out();
            long replayed = number(REPLAYED, out, 1);
            long scored = number(SCORED, out, 1);
            long attacks = number(ATTACKS, out, 1);
            long flagged = number(ATTACKS, out, 2);
            System.out.printf("demo run %d: %,d flows replayed, %,d scored, %,d attack flows, %,d of them flagged%n", run, replayed,
                    scored, attacks, flagged);
            assertThat(number(WARM_UP, out, 1)).as("warm-up flows scored").isPositive();
            assertThat(scored).as("every replayed flow scored").isEqualTo(replayed);
            assertThat(number(SCORED, out, 2)).as("dead letters").isZero();
            assertThat(attacks).isPositive();
            assertThat(flagged).as("attack flows flagged").isGreaterThanOrEqualTo(attacks / 2);
            if (run == 1) firstReplayed = replayed;
            else assertThat(replayed).as("the same seed gives the same traffic").isEqualTo(firstReplayed);
            assertThat(work.resolve("bundle.avro")).isRegularFile();
        }
        try (var files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("traffic.avro", "warm-up.avro", "benign.avro", "demo.pub");
        }
    }

    private static long number(Pattern pattern, String text, int group) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("summary line %s in:%n%s", pattern, text).isTrue();
        return Long.parseLong(m.group(group).replace(",", ""));
    }
}
