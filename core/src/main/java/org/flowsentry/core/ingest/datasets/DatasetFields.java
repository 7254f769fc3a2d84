package org.flowsentry.core.ingest.datasets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.flowsentry.core.ingest.MalformedRowException;
import org.flowsentry.core.ingest.csv.CsvHeader;
import org.flowsentry.core.ingest.csv.CsvRow;

/** Column parsing shared by the dataset readers of this package. */
final class DatasetFields {
    private DatasetFields() {}

    /** A duration in seconds ("0.000011") as whole microseconds. */
    static long secondsToMicros(CsvRow row, int index) throws MalformedRowException {
        double seconds = row.doubleValue(index);
        if (!Double.isFinite(seconds)) {
            throw new MalformedRowException(row.columnName(index) + ": not a finite duration: '" + row.text(index) + "'");
        }
        return Math.round(seconds * 1_000_000.0);
    }

    /**
     * A whole number written in decimal or, as Argus (and so UNSW-NB15) sometimes prints ports,
     * in hex with a "0x" prefix; null when empty or "-".
     */
    static Long decimalOrHex(CsvRow row, int index) throws MalformedRowException {
        String s = row.text(index);
        if (s.isEmpty() || s.equals("-")) return null;
        if (isHex(s)) {
            try {
                return Long.parseLong(s.substring(2), 16);
            } catch (NumberFormatException e) {
                throw new MalformedRowException(row.columnName(index) + ": not a hex number: '" + s + "'");
            }
        }
        return row.longValue(index);
    }

    static boolean isHex(String s) {
        return s.length() > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X');
    }

    /** Indexes of every column except the named ones (compared by {@link CsvHeader#key}). */
    static int[] columnsExcept(CsvHeader header, List<String> excluded) {
        Set<String> keys = excluded.stream().map(CsvHeader::key).collect(Collectors.toSet());
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!keys.contains(CsvHeader.key(header.name(i)))) out.add(i);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The numeric columns as features named as in the header; empty and non-finite values left out. */
    static Map<String, Double> features(CsvRow row, int[] columns) throws MalformedRowException {
        Map<String, Double> out = new HashMap<>(columns.length * 4 / 3 + 1);
        for (int c : columns) {
            Double v = row.finiteOrNull(c);
            if (v != null) out.put(row.header().name(c), v);
        }
        return out;
    }
}
