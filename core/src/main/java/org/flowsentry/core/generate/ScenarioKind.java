package org.flowsentry.core.generate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The attacks the generator can inject, with the ground truth their flows carry. Intensity 1 gives
 * the rates below; intensity 2 doubles them (for beaconing and exfiltration: halves the interval).
 */
public enum ScenarioKind {
    /** One Internet host SYN-probes the ports of the public web server, 100 probes/s in random port order (nmap -sS -p-). */
    VERTICAL_PORT_SCAN("port-scan-vertical", "PortScan-Vertical", "Reconnaissance", Duration.ofSeconds(90)),
    /** A compromised client sweeps 10.0.0.0/16 for SMB (445) and RDP (3389), 40 probes/s. */
    HORIZONTAL_PORT_SCAN("port-scan-horizontal", "PortScan-Horizontal", "Reconnaissance", Duration.ofMinutes(10)),
    /** Spoofed Internet sources send SYNs to the web server's port 80, ramping up to 800/s. */
    SYN_FLOOD("syn-flood", "SYN-Flood", "DoS", Duration.ofMinutes(3)),
    /** One Internet host tries passwords on the SSH server, a new connection about every 2 s. */
    SSH_BRUTE_FORCE("ssh-brute-force", "SSH-BruteForce", "BruteForce", Duration.ofMinutes(15)),
    /** One Internet host tries passwords on the FTP server, a new connection about every 1.2 s. */
    FTP_BRUTE_FORCE("ftp-brute-force", "FTP-BruteForce", "BruteForce", Duration.ofMinutes(10)),
    /** A compromised client uploads about 25 MB over HTTPS to one Internet host every 5-11 minutes. */
    SLOW_EXFILTRATION("slow-exfiltration", "Exfiltration", "Exfiltration", Duration.ofHours(3)),
    /** A compromised client tunnels data through DNS (iodine/dnscat2-like): 8 large TXT queries/s via the resolver. */
    DNS_TUNNELLING("dns-tunnelling", "DNS-Tunnelling", "CommandAndControl", Duration.ofMinutes(20)),
    /** A compromised client calls its Internet C2 server over HTTPS every 60 s with 5% jitter. */
    C2_BEACONING("c2-beaconing", "C2-Beaconing", "CommandAndControl", Duration.ofHours(4)),
    /** One Internet host holds 300 slow, incomplete HTTP requests open on the web server. */
    SLOWLORIS("slowloris", "Slowloris", "DoS", Duration.ofMinutes(15));

    private final String cliName;
    private final String label;
    private final String category;
    private final Duration typicalDuration;

    ScenarioKind(String cliName, String label, String category, Duration typicalDuration) {
        this.cliName = cliName;
        this.label = label;
        this.category = category;
        this.typicalDuration = typicalDuration;
    }

    /** The name used on the command line, e.g. "ssh-brute-force". */
    public String cliName() {
        return cliName;
    }

    /** The label of this attack's flows, e.g. "SSH-BruteForce". */
    public String label() {
        return label;
    }

    /** The attackCategory of this attack's flows, e.g. "BruteForce". */
    public String category() {
        return category;
    }

    /** How long the attack lasts when no duration is given. */
    public Duration typicalDuration() {
        return typicalDuration;
    }

    /**
     * The kind for a name: its CLI name ("ssh-brute-force"), enum name ("SSH_BRUTE_FORCE"), label
     * ("SSH-BruteForce") or a common alias ("vertical-port-scan", "ddos", "dns-tunneling",
     * "beaconing"); case, spaces, dashes and underscores do not matter.
     */
    public static ScenarioKind parse(String name) {
        if (name == null) throw new IllegalArgumentException("missing scenario name; known: " + knownNames());
        String key = normalize(name);
        for (ScenarioKind kind : values()) {
            if (kind.matches(key)) return kind;
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + knownNames());
    }

    /**
     * Kinds from a comma-separated list, e.g. "ssh-brute-force,port-scan-vertical"; "all" gives
     * every kind, "none" or an empty text none. A kind listed twice is an error.
     */
    public static List<ScenarioKind> parseList(String text) {
        if (text == null || text.isBlank() || normalize(text).equals("none")) return List.of();
        if (normalize(text).equals("all")) return List.of(values());
        List<ScenarioKind> kinds = new ArrayList<>();
        Set<ScenarioKind> seen = EnumSet.noneOf(ScenarioKind.class);
        for (String part : text.split(",")) {
            ScenarioKind kind = parse(part);
            if (!seen.add(kind)) throw new IllegalArgumentException("scenario '" + kind.cliName + "' is listed twice");
            kinds.add(kind);
        }
        return List.copyOf(kinds);
    }

    /** The CLI names of all kinds, comma-separated. */
    public static String knownNames() {
        StringBuilder sb = new StringBuilder();
        for (ScenarioKind kind : values()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(kind.cliName);
        }
        return sb.toString();
    }

    private boolean matches(String key) {
        if (key.equals(normalize(cliName)) || key.equals(normalize(name())) || key.equals(normalize(label))) return true;
        return switch (this) {
            case VERTICAL_PORT_SCAN -> key.equals("verticalscan");
            case HORIZONTAL_PORT_SCAN -> key.equals("horizontalscan") || key.equals("networkscan");
            case SYN_FLOOD -> key.equals("ddos");
            case SSH_BRUTE_FORCE -> key.equals("sshpatator") || key.equals("sshbruteforce");
            case FTP_BRUTE_FORCE -> key.equals("ftppatator");
            case SLOW_EXFILTRATION -> key.equals("exfil");
            case DNS_TUNNELLING -> key.equals("dnstunneling") || key.equals("dnstunnel");
            case C2_BEACONING -> key.equals("beaconing") || key.equals("c2");
            case SLOWLORIS -> key.equals("dosslowloris");
        };
    }

    private static String normalize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '-' && c != '_' && c != ' ' && c != '\t') sb.append(c);
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
