package org.flowsentry.core.ingest.cic;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Parses the zone-less timestamps of CICFlowMeter CSVs to epoch milliseconds, reading them as UTC.
 * Accepted forms, all day-first:
 * <ul>
 *   <li>{@code 3/7/2017 8:55}, {@code 03/07/2017 08:55:58} (CIC-IDS2017),
 *       {@code 14/02/2018 08:31:01} (CSE-CIC-IDS2018);
 *   <li>{@code 20/02/2018 08:34:07 PM} (CICFlowMeter-4's "dd/MM/yyyy hh:mm:ss a");
 *   <li>{@code 26/04/201711:11:17} (Unicauca: no space between date and time);
 *   <li>{@code 2018-12-01 10:51:39.813448} (CIC-DDoS2019; the fraction is cut to milliseconds).
 * </ul>
 * Hand-written rather than DateTimeFormatter patterns: one pass, no exceptions on the good path,
 * and the forms differ in optional parts that patterns would need a list of alternatives for.
 */
final class CicTimestamps {
    private CicTimestamps() {}

    /** Epoch milliseconds (UTC) of the timestamp; IllegalArgumentException when it has none of the forms. */
    static long epochMillis(String text) {
        Cursor c = new Cursor(text);
        int year;
        int month;
        int day;
        int start = c.pos;
        int first = c.digits(1, 4);
        if (c.pos - start <= 2 && c.skip('/')) {
            day = first;
            month = c.digits(1, 2);
            c.expect('/');
            year = c.digits(4, 4);
        } else if (c.pos - start == 4 && c.skip('-')) {
            year = first;
            month = c.digits(1, 2);
            c.expect('-');
            day = c.digits(1, 2);
            c.skip('T');
        } else {
            throw c.bad();
        }
        c.skipSpaces();
        int hour = c.digits(1, 2);
        c.expect(':');
        int minute = c.digits(2, 2);
        int second = 0;
        int millis = 0;
        if (c.skip(':')) {
            second = c.digits(2, 2);
            if (c.skip('.')) millis = c.fractionMillis();
        }
        c.skipSpaces();
        if (!c.atEnd()) {
            String marker = c.rest();
            boolean pm = marker.equalsIgnoreCase("PM");
            if (!pm && !marker.equalsIgnoreCase("AM")) throw c.bad();
            if (hour < 1 || hour > 12) throw c.bad();
            hour = hour % 12 + (pm ? 12 : 0);
        }
        if (hour > 23 || minute > 59 || second > 59) throw c.bad();
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            throw c.bad();
        }
        return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    /** Reading position in one timestamp text. */
    private static final class Cursor {
        private final String s;
        private int pos;

        Cursor(String s) {
            this.s = s;
        }

        int digits(int min, int max) {
            int start = pos;
            int value = 0;
            while (pos < s.length() && pos - start < max && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                value = value * 10 + (s.charAt(pos) - '0');
                pos++;
            }
            if (pos - start < min) throw bad();
            return value;
        }

        /** Digits after the decimal point as milliseconds: ".8" is 800, ".813448" is 813. */
        int fractionMillis() {
            int start = pos;
            int millis = 0;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                if (pos - start < 3) millis = millis * 10 + (s.charAt(pos) - '0');
                pos++;
            }
            int n = pos - start;
            if (n == 0) throw bad();
            for (int i = n; i < 3; i++) millis *= 10;
            return millis;
        }

        boolean skip(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!skip(c)) throw bad();
        }

        void skipSpaces() {
            while (pos < s.length() && s.charAt(pos) == ' ') pos++;
        }

        boolean atEnd() {
            return pos == s.length();
        }

        String rest() {
            return s.substring(pos);
        }

        IllegalArgumentException bad() {
            return new IllegalArgumentException("not a date and time: '" + s + "'");
        }
    }
}
