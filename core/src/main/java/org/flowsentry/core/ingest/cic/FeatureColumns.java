package org.flowsentry.core.ingest.cic;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.flowsentry.core.ingest.MalformedRowException;
import org.flowsentry.core.ingest.csv.CsvHeader;
import org.flowsentry.core.ingest.csv.CsvRow;

/** The columns of a header that become {@code features} (all but the given ones), and reading them. */
final class FeatureColumns {
    private final int[] columns;
    private final String[] names;

    /**
     * @param notFeatures indexes of columns mapped to fields or deliberately left out; -1 entries are ignored
     * @param naming the feature key for a column name
     */
    FeatureColumns(CsvHeader header, Collection<Integer> notFeatures, UnaryOperator<String> naming) {
        BitSet taken = new BitSet();
        for (int i : notFeatures) {
            if (i >= 0) taken.set(i);
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!taken.get(i)) kept.add(i);
        }
        this.columns = kept.stream().mapToInt(Integer::intValue).toArray();
        this.names = kept.stream().map(i -> naming.apply(header.name(i))).toArray(String[]::new);
    }

    List<String> names() {
        return List.of(names);
    }

    /** The row's values of these columns; empty, "-", Infinity and NaN are left out, text is a malformed row. */
    Map<String, Double> read(CsvRow row) throws MalformedRowException {
        Map<String, Double> features = new HashMap<>(columns.length * 4 / 3 + 1);
        for (int i = 0; i < columns.length; i++) {
            Double v = row.finiteOrNull(columns[i]);
            if (v != null) features.put(names[i], v);
        }
        return features;
    }
}
