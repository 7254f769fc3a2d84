package org.flowsentry.core.ingest.csv;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Column names of a CSV input. Lookups are by normalized name (lower case, letters and digits
 * only), so "Flow Duration", " Flow Duration", "Flow.Duration" and "flow_duration" are one
 * column. A repeated name (CIC-IDS2017's second "Fwd Header Length") gets ".1", ".2", ...
 */
public final class CsvHeader {
    private final List<String> names;
    private final Map<String, Integer> byKey = new HashMap<>();

    public CsvHeader(List<String> rawNames) {
        List<String> unique = new ArrayList<>(rawNames.size());
        Map<String, Integer> seen = new HashMap<>();
        for (String raw : rawNames) {
            String name = raw.strip();
            int times = seen.merge(key(name), 1, Integer::sum);
            if (times > 1) name = name + "." + (times - 1);
            unique.add(name);
            byKey.putIfAbsent(key(name), unique.size() - 1);
        }
        this.names = Collections.unmodifiableList(unique);
    }

    /** The lookup key of a column name. */
    public static String key(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) sb.append(Character.toLowerCase(c));
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    public String name(int index) {
        return names.get(index);
    }

    /** Index of the first of these names present, or -1. */
    public int find(String... candidates) {
        for (String c : candidates) {
            Integer i = byKey.get(key(c));
            if (i != null) return i;
        }
        return -1;
    }

    public boolean has(String... candidates) {
        return find(candidates) >= 0;
    }

    /** Index of the first of these names present; a clear error when none is. */
    public int require(String... candidates) throws IOException {
        int i = find(candidates);
        if (i < 0) {
            throw new IOException("missing column " + String.join(" / ", candidates) + " (header has: "
                    + String.join(",", names.subList(0, Math.min(names.size(), 12)))
                    + (names.size() > 12 ? ",..." : "") + ")");
        }
        return i;
    }

    /** True when every one of these names is present. */
    public boolean hasAll(String... required) {
        for (String r : required) {
            if (find(r) < 0) return false;
        }
        return true;
    }
}
