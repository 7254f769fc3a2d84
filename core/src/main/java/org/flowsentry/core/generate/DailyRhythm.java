package org.flowsentry.core.generate;

/**
 * How busy the people of the simulated site are at a given time (local time = UTC): office hours
 * on weekdays with a dip at lunch, little at night, and weekends at a fraction of weekdays.
 */
final class DailyRhythm {
    static final long HOUR_MS = 3_600_000L;
    static final long DAY_MS = 24 * HOUR_MS;
    /** Weekend days run at this fraction of the weekday level. */
    static final double WEEKEND = 0.15;

    /** Level at the start of each hour 0..24 (1 = the weekday peak); linear in between. */
    private static final double[] WEEKDAY = {
        0.04, 0.03, 0.02, 0.02, 0.02, 0.03, 0.06, 0.20, // 00-07
        0.60, 0.95, 1.00, 1.00, 0.75, 0.85, 1.00, 1.00, // 08-15
        0.95, 0.70, 0.40, 0.22, 0.15, 0.12, 0.08, 0.05, // 16-23
        0.04};

    private DailyRhythm() {}

    /** Activity level in (0, 1] at an epoch time in ms. */
    static double humanLevel(double epochMs) {
        long day = Math.floorDiv((long) epochMs, DAY_MS);
        double hour = (epochMs - (double) day * DAY_MS) / HOUR_MS;
        int h = Math.min(23, (int) hour);
        double level = WEEKDAY[h] + (WEEKDAY[h + 1] - WEEKDAY[h]) * (hour - h);
        // Epoch day 0 (1970-01-01) was a Thursday: +3 makes Monday 0.
        int dayOfWeek = (int) Math.floorMod(day + 3, 7L);
        return dayOfWeek >= 5 ? level * WEEKEND : level;
    }
}
