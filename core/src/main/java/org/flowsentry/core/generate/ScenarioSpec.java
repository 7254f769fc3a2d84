package org.flowsentry.core.generate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One attack to inject: its kind, when it starts (offset from the start of the run), how long it
 * lasts and its intensity (1 = the kind's typical rate, see {@link ScenarioKind}).
 */
public record ScenarioSpec(ScenarioKind kind, Duration startOffset, Duration duration, double intensity) {
    public static final double MAX_INTENSITY = 100;

    public ScenarioSpec {
        Objects.requireNonNull(kind, "kind");
        if (startOffset == null || startOffset.isNegative()) {
            throw new IllegalArgumentException(kind.cliName() + ": start offset must be zero or positive, got " + startOffset);
        }
        if (duration == null || duration.toMillis() < 1) {
            throw new IllegalArgumentException(kind.cliName() + ": duration must be at least 1 ms, got " + duration);
        }
        if (!(intensity > 0 && intensity <= MAX_INTENSITY)) {
            throw new IllegalArgumentException(kind.cliName() + ": intensity must be above 0 and at most "
                    + MAX_INTENSITY + ", got " + intensity);
        }
    }

    /** The kind at its typical duration and intensity 1. */
    public ScenarioSpec(ScenarioKind kind, Duration startOffset) {
        this(kind, startOffset, kind.typicalDuration(), 1);
    }

    /** Offset of the end of the attack from the start of the run. */
    public Duration endOffset() {
        return startOffset.plus(duration);
    }

    /**
     * The default layout: the run is cut into one slot per kind, in the order given, and each
     * attack starts a quarter into its slot, so every attack starts at a distinct time. Each lasts
     * its typical duration, cut at the end of the run (long ones, such as beaconing, may overlap
     * the next slot, as real campaigns do).
     */
    public static List<ScenarioSpec> spread(Duration run, List<ScenarioKind> kinds) {
        List<ScenarioSpec> specs = new ArrayList<>(kinds.size());
        for (int i = 0; i < kinds.size(); i++) {
            specs.add(place(kinds.get(i), i, kinds.size(), run, null, null, 1));
        }
        return List.copyOf(specs);
    }

    /**
     * Scenarios from text: comma-separated items {@code name[@start][+duration][*intensity]}, e.g.
     * "ssh-brute-force@2h+20m*2,port-scan-vertical". Names as {@link ScenarioKind#parse}; times as
     * {@link #parseDuration}. A missing start takes the item's slot of the default layout, a missing
     * duration the kind's typical one (cut at the end of the run). "all" and "none" work as in
     * {@link ScenarioKind#parseList}.
     */
    public static List<ScenarioSpec> parseList(String text, Duration run) {
        if (text == null || text.isBlank()) return List.of();
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("none")) return List.of();
        if (trimmed.equalsIgnoreCase("all")) return spread(run, List.of(ScenarioKind.values()));
        String[] items = trimmed.split(",");
        List<ScenarioSpec> specs = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            String item = items[i].trim();
            double intensity = 1;
            int star = item.indexOf('*');
            if (star >= 0) {
                String value = item.substring(star + 1).trim();
                try {
                    intensity = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("scenario '" + item + "': intensity '" + value + "' is not a number");
                }
                item = item.substring(0, star);
            }
            Duration duration = null;
            int plus = item.indexOf('+');
            if (plus >= 0) {
                duration = parseDuration(item.substring(plus + 1));
                item = item.substring(0, plus);
            }
            Duration start = null;
            int at = item.indexOf('@');
            if (at >= 0) {
                start = parseDuration(item.substring(at + 1));
                item = item.substring(0, at);
            }
            specs.add(place(ScenarioKind.parse(item.trim()), i, items.length, run, start, duration, intensity));
        }
        return List.copyOf(specs);
    }

    private static ScenarioSpec place(ScenarioKind kind, int slot, int slots, Duration run,
                                      Duration start, Duration duration, double intensity) {
        if (start == null) {
            Duration slotLength = run.dividedBy(slots);
            start = slotLength.multipliedBy(slot).plus(slotLength.dividedBy(4));
        }
        if (duration == null) {
            duration = kind.typicalDuration();
            Duration left = run.minus(start);
            // Cut at the end of the run; a start past the end is left for the options to reject.
            if (left.toMillis() >= 1 && left.compareTo(duration) < 0) duration = left;
        }
        return new ScenarioSpec(kind, start, duration, intensity);
    }

    /**
     * A duration such as "90s", "15m", "2h", "1h30m", "1d", "250ms", or ISO-8601 ("PT2H").
     * Units: d, h, m, s, ms; every number needs one.
     */
    public static Duration parseDuration(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) throw new IllegalArgumentException("empty duration");
        if (s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid duration '" + text + "'");
            }
        }
        Duration total = Duration.ZERO;
        int i = 0;
        while (i < s.length()) {
            int digits = i;
            long value = 0;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                value = value * 10 + (s.charAt(i) - '0');
                if (value > 1_000_000_000L) throw new IllegalArgumentException("duration '" + text + "' is too long");
                i++;
            }
            int unitStart = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) i++;
            String unit = s.substring(unitStart, i);
            if (digits == unitStart || unit.isEmpty()) {
                throw new IllegalArgumentException("invalid duration '" + text + "': use numbers with units d, h, m, s, ms, e.g. 1h30m");
            }
            total = total.plus(switch (unit) {
                case "d" -> Duration.ofDays(value);
                case "h" -> Duration.ofHours(value);
                case "m", "min" -> Duration.ofMinutes(value);
                case "s" -> Duration.ofSeconds(value);
                case "ms" -> Duration.ofMillis(value);
                default -> throw new IllegalArgumentException("invalid duration '" + text + "': unknown unit '" + unit
                        + "' (use d, h, m, s, ms)");
            });
        }
        return total;
    }
}
