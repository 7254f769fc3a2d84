package org.flowsentry.core.ingest.cic;

import java.io.IOException;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.ingest.csv.CsvFlowFormat;
import org.flowsentry.core.ingest.csv.CsvHeader;
import org.flowsentry.core.ingest.csv.CsvLayout;
import org.flowsentry.core.ingest.csv.RowMapper;

/**
 * CICFlowMeter CSV in its published variants, told apart by nothing but the header: CIC-IDS2017
 * (GeneratedLabelledFlows with addresses and MachineLearningCVE without; leading spaces in names,
 * a duplicated "Fwd Header Length"), CSE-CIC-IDS2018 ("Dst Port", "Tot Fwd Pkts", with or without
 * Flow ID/Src IP/Src Port/Dst IP), CIC-DDoS2019 ("Unnamed: 0", "SimillarHTTP", "Inbound"), and
 * CICFlowMeter's own output (version 4's short names and the current long ones).
 *
 * <p>Mapping: forward is src; "Flow Duration" (microseconds) is {@code durationUs}; total
 * forward/backward packets and lengths are the counters; the FIN..ECE flag counts give the
 * {@code tcpFlags} bitmask (TCP flows only) and stay features too, since counts say more than
 * bits; every other numeric column is a feature named as in CIC-IDS2017 (see
 * {@link CicColumns}), Infinity and NaN left out. Labels: "BENIGN"/"Benign" become BENIGN,
 * CICFlowMeter's "NeedManualLabel" means unknown, attacks keep their name with any en dash (also
 * the cp1252 byte that decodes as U+FFFD) turned into "-"; the attack category is the obvious
 * family (Web Attack, DoS, DDoS, Brute Force; every CIC-DDoS2019 attack is DDoS) or the label.
 *
 * <p>Times: CIC timestamps carry no zone (they are the capture site's wall-clock time, e.g.
 * New Brunswick summer time, UTC-3, for CIC-IDS2017); they are read as UTC, so startMs is that
 * wall-clock time as if it were UTC. {@code endMs = startMs + duration} (whole milliseconds).
 * CIC-IDS2017's CICFlowMeter printed a 12-hour clock without AM/PM, so its afternoon flows read as
 * 1:00 to 5:00; they are taken as written, not guessed.
 *
 * <p>Rows the published files contain that are not flows are reported as malformed with the
 * reason: all-empty rows (",,,,", in the full CIC-IDS2017 files) and header lines repeated
 * mid-file (some CSE-CIC-IDS2018 files). Integer codes in place of addresses or timestamps (as in
 * re-encoded subsets) leave those fields empty and are noted once per column, not refused.
 */
public final class CicFlowMeterFormat implements CsvFlowFormat {
    public static final CicFlowMeterFormat INSTANCE = new CicFlowMeterFormat();

    private CicFlowMeterFormat() {}

    @Override
    public String id() {
        return "cicflowmeter";
    }

    @Override
    public String description() {
        return "CICFlowMeter CSV (CIC-IDS2017, CSE-CIC-IDS2018, CIC-DDoS2019, CICFlowMeter-4 output)";
    }

    @Override
    public boolean matches(FileSample sample) {
        return CicColumns.isCicHeader(FieldRules.header(sample));
    }

    @Override
    public CsvLayout layout() {
        return CsvLayout.withHeader(',');
    }

    @Override
    public RowMapper mapper(CsvHeader header, String source, ReadErrors errors) throws IOException {
        return new CicFlowMapper(header, errors, null);
    }
}
