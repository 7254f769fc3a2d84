package org.flowsentry.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorOptionsTest {
    private static final GeneratorOptions D = GeneratorOptions.defaults();

    @Test
    void defaultsStartOnAFixedMondayAndPlaceEveryScenarioAtADistinctTimeInsideTheDay() {
        assertThat(Instant.ofEpochMilli(D.startMs())).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(D.seed()).isEqualTo(1);
        assertThat(D.duration()).isEqualTo(Duration.ofHours(24));
        assertThat(D.endMs()).isEqualTo(D.startMs() + 86_400_000L);
        assertThat(D.clientHosts()).isEqualTo(200);
        assertThat(D.servers()).isEqualTo(12);
        assertThat(D.peakFlowsPerSecond()).isEqualTo(100);
        assertThat(D.scenarios()).extracting(ScenarioSpec::kind).containsExactly(ScenarioKind.values());
        assertThat(D.scenarios()).extracting(ScenarioSpec::startOffset).doesNotHaveDuplicates();
        assertThat(D.scenarios()).allSatisfy(s -> {
            assertThat(s.endOffset()).isLessThanOrEqualTo(D.duration());
            assertThat(s.intensity()).isEqualTo(1);
        });
        // Slots of 2h40m, each attack a quarter into its own: the first at 00:40, the SYN flood at 06:00.
        assertThat(D.scenarios().get(0).startOffset()).isEqualTo(Duration.ofMinutes(40));
        assertThat(D.scenarios().get(2).startOffset()).isEqualTo(Duration.ofMinutes(2 * 160 + 40));
        assertThat(D.scenarios().get(2).duration()).isEqualTo(ScenarioKind.SYN_FLOOD.typicalDuration());
        // Beaconing lasts its typical 4 h; the last slot's attack is cut at the end of the run if needed.
        assertThat(D.scenarios().get(7).duration()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void withDurationPlacesTheSameScenariosAgainInsideTheShorterRun() {
        List<ScenarioSpec> custom = List.of(
                new ScenarioSpec(ScenarioKind.SSH_BRUTE_FORCE, Duration.ofHours(1), Duration.ofMinutes(5), 2.5),
                new ScenarioSpec(ScenarioKind.C2_BEACONING, Duration.ofHours(2)));
        GeneratorOptions o = D.withScenarios(custom).withDuration(Duration.ofMinutes(30));
        assertThat(o.scenarios()).extracting(ScenarioSpec::kind)
                .containsExactly(ScenarioKind.SSH_BRUTE_FORCE, ScenarioKind.C2_BEACONING);
        assertThat(o.scenarios()).extracting(ScenarioSpec::intensity).containsExactly(2.5, 1.0);
        assertThat(o.scenarios().get(0).startOffset()).isEqualTo(Duration.ofMinutes(15).dividedBy(4));
        assertThat(o.scenarios().get(1).startOffset()).isEqualTo(Duration.ofMinutes(15).plus(Duration.ofMinutes(15).dividedBy(4)));
        // Beaconing's typical 4 h is cut at the end of the 30-minute run.
        assertThat(o.scenarios().get(1).endOffset()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void withersChangeOneFieldAndKeepTheOthers() {
        GeneratorOptions o = D.withSeed(9).withStartMs(0).withHosts(5, 3).withPeakFlowsPerSecond(2.5)
                .withScenarioKinds(List.of(ScenarioKind.SLOWLORIS));
        assertThat(o).isEqualTo(new GeneratorOptions(9, 0, Duration.ofHours(24), 5, 3, 2.5,
                ScenarioSpec.spread(Duration.ofHours(24), List.of(ScenarioKind.SLOWLORIS))));
        assertThat(o.scenarios().get(0).startOffset()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void scenarioListIsAnImmutableCopy() {
        List<ScenarioSpec> list = new ArrayList<>(List.of(new ScenarioSpec(ScenarioKind.SYN_FLOOD, Duration.ZERO)));
        GeneratorOptions o = D.withScenarios(list);
        list.clear();
        assertThat(o.scenarios()).hasSize(1);
        assertThatThrownBy(() -> o.scenarios().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsBadRunSettingsWithMessagesNamingTheField() {
        assertThatThrownBy(() -> D.withStartMs(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startMs");
        assertThatThrownBy(() -> D.withScenarios(List.of()).withDuration(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
        assertThatThrownBy(() -> D.withScenarios(List.of()).withDuration(Duration.ofMillis(999)))
                .hasMessageContaining("between 1 s and 366 days");
        assertThatThrownBy(() -> D.withScenarios(List.of()).withDuration(Duration.ofDays(367))).hasMessageContaining("duration");
        assertThatThrownBy(() -> D.withDuration(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> D.withHosts(0, 12)).hasMessageContaining("clientHosts");
        assertThatThrownBy(() -> D.withHosts(50_001, 12)).hasMessageContaining("clientHosts");
        assertThatThrownBy(() -> D.withHosts(10, 0)).hasMessageContaining("servers");
        assertThatThrownBy(() -> D.withHosts(10, 1001)).hasMessageContaining("servers");
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 100_001}) {
            assertThatThrownBy(() -> D.withPeakFlowsPerSecond(bad)).as("peak %s", bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("peakFlowsPerSecond");
        }
        assertThatThrownBy(() -> D.withScenarios(null)).hasMessageContaining("scenarios");
        assertThatThrownBy(() -> D.withScenarios(Arrays.asList((ScenarioSpec) null))).hasMessageContaining("null");
    }

    @Test
    void rejectsAScenarioThatDoesNotFitInTheRun() {
        ScenarioSpec late = new ScenarioSpec(ScenarioKind.SSH_BRUTE_FORCE, Duration.ofHours(23).plusMinutes(50));
        assertThatThrownBy(() -> D.withScenarios(List.of(late)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ssh-brute-force").hasMessageContaining("beyond the end of the run");
        // Ending exactly at the end is fine.
        assertThat(D.withScenarios(List.of(new ScenarioSpec(ScenarioKind.SSH_BRUTE_FORCE, Duration.ofMinutes(23 * 60 + 45))))
                .scenarios()).hasSize(1);
    }

    @Test
    void scenarioSpecRejectsBadTimesAndIntensities() {
        assertThatThrownBy(() -> new ScenarioSpec(ScenarioKind.SLOWLORIS, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slowloris: start offset");
        assertThatThrownBy(() -> new ScenarioSpec(ScenarioKind.SLOWLORIS, Duration.ZERO, Duration.ZERO, 1))
                .hasMessageContaining("duration must be at least 1 ms");
        assertThatThrownBy(() -> new ScenarioSpec(ScenarioKind.SLOWLORIS, Duration.ZERO, null, 1))
                .isInstanceOf(IllegalArgumentException.class);
        for (double bad : new double[] {0, -2, Double.NaN, 100.5}) {
            assertThatThrownBy(() -> new ScenarioSpec(ScenarioKind.SLOWLORIS, Duration.ZERO, Duration.ofMinutes(1), bad))
                    .as("intensity %s", bad).hasMessageContaining("intensity");
        }
        assertThatThrownBy(() -> new ScenarioSpec(null, Duration.ZERO)).isInstanceOf(NullPointerException.class);
    }
}
