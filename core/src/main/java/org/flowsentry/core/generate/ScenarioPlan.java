package org.flowsentry.core.generate;

/**
 * Where and when an injected attack happens, for reports and demos ("SSH-BruteForce from
 * 81.2.69.160 to 10.1.0.16, 03:20-03:35").
 *
 * @param kind    the attack
 * @param startMs first possible flow start, epoch ms
 * @param endMs   end of the attack window (exclusive), epoch ms
 * @param source  the attacker or compromised internal host, or a description when there are many
 *                (spoofed flood sources)
 * @param target  the victim or remote end, or a description when there are many (a swept subnet)
 */
public record ScenarioPlan(ScenarioKind kind, long startMs, long endMs, String source, String target) {
    public String label() {
        return kind.label();
    }
}
