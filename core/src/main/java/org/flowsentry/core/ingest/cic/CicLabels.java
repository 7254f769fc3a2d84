package org.flowsentry.core.ingest.cic;

import java.util.Locale;
import org.flowsentry.core.flow.Labels;

/** The ground-truth conventions of the CIC datasets (CIC-IDS2017, CSE-CIC-IDS2018, CIC-DDoS2019). */
final class CicLabels {
    private CicLabels() {}

    /**
     * The label as FlowSentry spells it: "BENIGN"/"Benign" become {@link Labels#BENIGN}; the
     * placeholders CICFlowMeter writes when nobody labelled the flows ("NeedManualLabel",
     * "No Label") and an empty field mean unknown (null); attacks keep their name with dashes
     * normalised.
     */
    static String label(String raw) {
        String s = raw.strip();
        if (s.isEmpty() || s.equalsIgnoreCase("NeedManualLabel") || s.equalsIgnoreCase("No Label")) return null;
        if (s.equalsIgnoreCase("benign")) return Labels.BENIGN;
        return asciiDashes(s);
    }

    /**
     * Replaces dash look-alikes with "-". CIC-IDS2017 writes "Web Attack – Brute Force" with an
     * en dash, as the cp1252 byte 0x96 in the original files (decoded as U+FFFD) and as U+2013 in
     * re-saved copies: both must become the same label.
     */
    static String asciiDashes(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean dash = c == '\u2013' || c == '\u2014' || c == '\u2012' || c == '\u2212' || c == '\uFFFD';
            if (dash && out == null) out = new StringBuilder(s.substring(0, i));
            if (out != null) out.append(dash ? '-' : c);
        }
        return out == null ? s : out.toString();
    }

    /**
     * The attack family when the name makes it obvious, otherwise the label itself:
     * "Web Attack - XSS", 2018's "Brute Force -Web" and "SQL Injection" are "Web Attack";
     * "DDoS", "DDOS attack-HOIC", "DrDoS_DNS" are "DDoS"; "DoS Hulk", "DoS attacks-Hulk" are "DoS";
     * "FTP-Patator", "SSH-Bruteforce" are "Brute Force".
     */
    static String family(String label) {
        String s = label.toLowerCase(Locale.ROOT);
        if (s.startsWith("web attack") || s.equals("brute force -web") || s.equals("brute force -xss")
                || s.equals("sql injection")) {
            return "Web Attack";
        }
        if (s.contains("ddos") || s.startsWith("drdos")) return "DDoS";
        if (s.startsWith("dos")) return "DoS";
        if (s.contains("patator") || s.contains("bruteforce")) return "Brute Force";
        return label;
    }
}
