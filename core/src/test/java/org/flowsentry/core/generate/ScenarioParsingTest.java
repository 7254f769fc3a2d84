package org.flowsentry.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioParsingTest {
    private static final Duration DAY = Duration.ofHours(24);

    @Test
    void kindsParseFromCliNamesEnumNamesLabelsAndAliasesInAnyCase() {
        assertThat(ScenarioKind.parse("ssh-brute-force")).isEqualTo(ScenarioKind.SSH_BRUTE_FORCE);
        assertThat(ScenarioKind.parse("SSH_BRUTE_FORCE")).isEqualTo(ScenarioKind.SSH_BRUTE_FORCE);
        assertThat(ScenarioKind.parse("SSH-BruteForce")).isEqualTo(ScenarioKind.SSH_BRUTE_FORCE);
        assertThat(ScenarioKind.parse(" Port Scan Vertical ")).isEqualTo(ScenarioKind.VERTICAL_PORT_SCAN);
        assertThat(ScenarioKind.parse("vertical-port-scan")).isEqualTo(ScenarioKind.VERTICAL_PORT_SCAN);
        assertThat(ScenarioKind.parse("PortScan-Horizontal")).isEqualTo(ScenarioKind.HORIZONTAL_PORT_SCAN);
        assertThat(ScenarioKind.parse("ddos")).isEqualTo(ScenarioKind.SYN_FLOOD);
        assertThat(ScenarioKind.parse("dns-tunneling")).isEqualTo(ScenarioKind.DNS_TUNNELLING);
        assertThat(ScenarioKind.parse("Exfiltration")).isEqualTo(ScenarioKind.SLOW_EXFILTRATION);
        assertThat(ScenarioKind.parse("beaconing")).isEqualTo(ScenarioKind.C2_BEACONING);
        for (ScenarioKind kind : ScenarioKind.values()) {
            assertThat(ScenarioKind.parse(kind.cliName())).isEqualTo(kind);
            assertThat(ScenarioKind.parse(kind.label())).isEqualTo(kind);
        }
    }

    @Test
    void unknownKindIsRejectedWithTheListOfKnownNames() {
        assertThatThrownBy(() -> ScenarioKind.parse("ping-of-death"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown scenario 'ping-of-death'; known: port-scan-vertical, port-scan-horizontal, syn-flood, "
                        + "ssh-brute-force, ftp-brute-force, slow-exfiltration, dns-tunnelling, c2-beaconing, slowloris");
        assertThatThrownBy(() -> ScenarioKind.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kindListsParseInOrderWithAllAndNone() {
        assertThat(ScenarioKind.parseList("ssh-brute-force,port-scan-vertical"))
                .containsExactly(ScenarioKind.SSH_BRUTE_FORCE, ScenarioKind.VERTICAL_PORT_SCAN);
        assertThat(ScenarioKind.parseList(" slowloris , syn-flood ")).containsExactly(ScenarioKind.SLOWLORIS, ScenarioKind.SYN_FLOOD);
        assertThat(ScenarioKind.parseList("all")).containsExactly(ScenarioKind.values());
        assertThat(ScenarioKind.parseList("none")).isEmpty();
        assertThat(ScenarioKind.parseList("")).isEmpty();
        assertThatThrownBy(() -> ScenarioKind.parseList("slowloris,Slowloris")).hasMessage("scenario 'slowloris' is listed twice");
        assertThatThrownBy(() -> ScenarioKind.parseList("slowloris,,syn-flood")).hasMessageContaining("unknown scenario ''");
    }

    @Test
    void specsParseWithExplicitStartDurationAndIntensity() {
        List<ScenarioSpec> specs = ScenarioSpec.parseList("ssh-brute-force@2h+20m*2, c2-beaconing@1h30m, slowloris*0.5", DAY);
        assertThat(specs).containsExactly(
                new ScenarioSpec(ScenarioKind.SSH_BRUTE_FORCE, Duration.ofHours(2), Duration.ofMinutes(20), 2),
                new ScenarioSpec(ScenarioKind.C2_BEACONING, Duration.ofMinutes(90), Duration.ofHours(4), 1),
                // No start: the third slot of three, a quarter in (16h + 2h).
                new ScenarioSpec(ScenarioKind.SLOWLORIS, Duration.ofHours(18), Duration.ofMinutes(15), 0.5));
        assertThat(ScenarioSpec.parseList("all", DAY)).isEqualTo(ScenarioSpec.spread(DAY, List.of(ScenarioKind.values())));
        assertThat(ScenarioSpec.parseList("none", DAY)).isEmpty();
    }

    @Test
    void specWithBadPartsIsRejectedWithTheItem() {
        assertThatThrownBy(() -> ScenarioSpec.parseList("syn-flood*lots", DAY))
                .hasMessage("scenario 'syn-flood*lots': intensity 'lots' is not a number");
        assertThatThrownBy(() -> ScenarioSpec.parseList("syn-flood@2x", DAY)).hasMessageContaining("unknown unit 'x'");
        assertThatThrownBy(() -> ScenarioSpec.parseList("syn-flood*0", DAY)).hasMessageContaining("intensity");
    }

    @Test
    void durationsParseInShortAndIsoForms() {
        assertThat(ScenarioSpec.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ScenarioSpec.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(ScenarioSpec.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(ScenarioSpec.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(ScenarioSpec.parseDuration(" 15M ")).isEqualTo(Duration.ofMinutes(15));
        assertThat(ScenarioSpec.parseDuration("PT2H")).isEqualTo(Duration.ofHours(2));
        assertThat(ScenarioSpec.parseDuration("pt45s")).isEqualTo(Duration.ofSeconds(45));
        for (String bad : new String[] {"", "90", "h", "1.5h", "5 min", "PTX"}) {
            assertThatThrownBy(() -> ScenarioSpec.parseDuration(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
