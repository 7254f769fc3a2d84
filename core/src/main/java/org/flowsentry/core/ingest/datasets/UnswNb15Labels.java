package org.flowsentry.core.ingest.datasets;

import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.ingest.MalformedRowException;
import org.flowsentry.core.ingest.csv.CsvRow;
import org.flowsentry.schema.FlowRecord;

/** UNSW-NB15 ground truth, the same in both forms of the dataset: a 0/1 label and attack_cat. */
final class UnswNb15Labels {
    /** Used when a row says attack (1) but names no category; no such row is known in the real files. */
    static final String UNNAMED_ATTACK = "Attack";

    private UnswNb15Labels() {}

    /**
     * Label 0 is benign whatever attack_cat says ("Normal" in the partitioned files, empty in the
     * raw ones). Label 1 takes the category as both label and attackCategory, trimmed (the raw
     * files have " Fuzzers " and similar) and with the raw files' "Backdoors" spelt "Backdoor" as in
     * the partitioned files, so one attack family has one name.
     */
    static void apply(FlowRecord r, CsvRow row, int labelColumn, int categoryColumn) throws MalformedRowException {
        long label = row.longValue(labelColumn);
        if (label == 0) {
            r.setLabel(Labels.BENIGN);
            return;
        }
        if (label != 1) {
            throw new MalformedRowException(row.columnName(labelColumn) + ": expected 0 or 1, found '" + row.text(labelColumn) + "'");
        }
        String category = row.text(categoryColumn);
        if (category.equals("Backdoors")) category = "Backdoor";
        if (category.isEmpty()) {
            r.setLabel(UNNAMED_ATTACK);
        } else {
            r.setLabel(category);
            r.setAttackCategory(category);
        }
    }
}
