package org.flowsentry.core.ingest.csv;

import org.flowsentry.core.ingest.MalformedRowException;

/**
 * One CSV row with typed access by column index. Every parse failure names the column and the
 * offending text, so a malformed-row report says exactly what was wrong.
 */
public final class CsvRow {
    private final CsvHeader header;
    private final String[] fields;
    private final long line;

    public CsvRow(CsvHeader header, String[] fields, long line) {
        this.header = header;
        this.fields = fields;
        this.line = line;
    }

    public long line() {
        return line;
    }

    public int size() {
        return fields.length;
    }

    public CsvHeader header() {
        return header;
    }

    /** The stripped text of a column; "" when the column index is -1 (absent). */
    public String text(int index) {
        if (index < 0 || index >= fields.length) return "";
        return fields[index].strip();
    }

    /** The text, or null when absent, empty or "-" (the usual "no value" marks). */
    public String optionalText(int index) {
        String s = text(index);
        return s.isEmpty() || s.equals("-") ? null : s;
    }

    public String requiredText(int index) throws MalformedRowException {
        String s = text(index);
        if (s.isEmpty()) throw new MalformedRowException("empty " + columnName(index));
        return s;
    }

    /** A whole number; accepts "12", "12.0" and "1.2e3" when the value is integral. */
    public long longValue(int index) throws MalformedRowException {
        String s = requiredText(index);
        return parseLong(s, index);
    }

    /** A whole number, or the fallback when the column is absent or empty. */
    public long longValue(int index, long fallback) throws MalformedRowException {
        String s = text(index);
        if (s.isEmpty() || s.equals("-")) return fallback;
        return parseLong(s, index);
    }

    public Integer optionalInt(int index) throws MalformedRowException {
        String s = text(index);
        if (s.isEmpty() || s.equals("-")) return null;
        long v = parseLong(s, index);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new MalformedRowException(columnName(index) + " out of range: '" + s + "'");
        }
        return (int) v;
    }

    /** A number, which may be Infinity or NaN as CICFlowMeter writes them. */
    public double doubleValue(int index) throws MalformedRowException {
        String s = requiredText(index);
        return parseDouble(s, index);
    }

    /** A finite number, or null when absent, empty, Infinity or NaN. */
    public Double finiteOrNull(int index) throws MalformedRowException {
        String s = text(index);
        if (s.isEmpty() || s.equals("-")) return null;
        double v = parseDouble(s, index);
        return Double.isFinite(v) ? v : null;
    }

    public String columnName(int index) {
        return index >= 0 && index < header.size() ? "column '" + header.name(index) + "'" : "column " + (index + 1);
    }

    private long parseLong(String s, int index) throws MalformedRowException {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            double d = parseDouble(s, index);
            if (d == Math.rint(d) && Math.abs(d) < 9.0e18) return (long) d;
            throw new MalformedRowException(columnName(index) + ": not a whole number: '" + s + "'");
        }
    }

    private double parseDouble(String s, int index) throws MalformedRowException {
        switch (s) {
            case "Infinity", "inf", "Inf", "+Infinity": return Double.POSITIVE_INFINITY;
            case "-Infinity", "-inf", "-Inf": return Double.NEGATIVE_INFINITY;
            case "NaN", "nan": return Double.NaN;
            default:
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new MalformedRowException(columnName(index) + ": not a number: '" + abbreviate(s) + "'");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
