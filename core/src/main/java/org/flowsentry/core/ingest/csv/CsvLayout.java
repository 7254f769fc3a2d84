package org.flowsentry.core.ingest.csv;

import java.util.List;

/**
 * How a CSV format is laid out.
 *
 * @param separator field separator, or {@link #AUTO} to pick tab or comma from the first line
 * @param fixedColumns null when the first row is a header; otherwise the column names of a
 *     header-less format (NSL-KDD, raw UNSW-NB15), used for lookups and error messages
 */
public record CsvLayout(char separator, List<String> fixedColumns) {
    public static final char AUTO = 0;

    public static CsvLayout withHeader(char separator) {
        return new CsvLayout(separator, null);
    }

    public static CsvLayout headerless(char separator, List<String> columns) {
        return new CsvLayout(separator, List.copyOf(columns));
    }

    public boolean hasHeaderRow() {
        return fixedColumns == null;
    }
}
