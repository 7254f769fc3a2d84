package org.flowsentry.core.ingest.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.flowsentry.core.ingest.AbstractFlowReader;
import org.flowsentry.core.ingest.CountingInputStream;
import org.flowsentry.core.ingest.MalformedRowException;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.schema.FlowRecord;

/**
 * The one CSV driver: streams rows with FastCSV, checks field counts, maps rows with the
 * format's {@link RowMapper}, validates the result, and reports every refused row.
 */
public final class CsvFlowReader extends AbstractFlowReader {
    private final CountingInputStream counting;
    private final CsvReader<CsvRecord> csv;
    private final Iterator<CsvRecord> rows;
    private final CsvHeader header;
    private final RowMapper mapper;

    public CsvFlowReader(CsvFlowFormat format, InputStream in, String source, ReadErrors errors) throws IOException {
        super(format, source, errors);
        this.counting = new CountingInputStream(in);
        BufferedReader text = new BufferedReader(new InputStreamReader(counting, StandardCharsets.UTF_8), 1 << 16);
        char separator = format.layout().separator();
        if (separator == CsvLayout.AUTO) separator = detectSeparator(text);
        this.csv = CsvReader.builder()
                .fieldSeparator(separator)
                .skipEmptyLines(true)
                .ignoreDifferentFieldCount(true) // counted and reported per row below
                .detectBomHeader(true)
                .ofCsvRecord(text);
        this.rows = csv.iterator();
        try {
            if (format.layout().hasHeaderRow()) {
                if (!rows.hasNext()) throw new IOException(source + ": empty input, expected a " + format.id() + " header");
                this.header = new CsvHeader(rows.next().getFields());
            } else {
                this.header = new CsvHeader(format.layout().fixedColumns());
            }
            this.mapper = format.mapper(header, source, errors);
        } catch (IOException e) {
            csv.close();
            throw new IOException(source + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            csv.close();
            throw e;
        }
    }

    private static char detectSeparator(BufferedReader text) throws IOException {
        text.mark(1 << 15);
        char[] buf = new char[1 << 14];
        int n = text.read(buf);
        text.reset();
        int tabs = 0;
        int commas = 0;
        for (int i = 0; i < Math.max(n, 0) && buf[i] != '\n'; i++) {
            if (buf[i] == '\t') tabs++;
            else if (buf[i] == ',') commas++;
        }
        return tabs > commas ? '\t' : ',';
    }

    public CsvHeader header() {
        return header;
    }

    @Override
    public long bytesRead() {
        return counting.count();
    }

    @Override
    protected FlowRecord readNext() {
        while (true) {
            CsvRecord rec;
            try {
                if (!rows.hasNext()) return null;
                rec = rows.next();
            } catch (CsvParseException e) {
                // FastCSV cannot resynchronise after e.g. an unterminated quote: report and stop.
                errors.report(source, -1, "unreadable CSV, rest of input skipped: " + e.getMessage());
                return null;
            }
            FlowRecord flow = mapRow(rec);
            if (flow != null) return flow;
        }
    }

    private FlowRecord mapRow(CsvRecord rec) {
        long line = rec.getStartingLineNumber();
        if (rec.getFieldCount() != header.size()) {
            errors.report(source, line, "expected " + header.size() + " fields, found " + rec.getFieldCount());
            return null;
        }
        try {
            return validated(mapper.map(new CsvRow(header, rec.getFields().toArray(String[]::new), line)), line);
        } catch (MalformedRowException e) {
            errors.report(source, line, e.getMessage());
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
