package org.flowsentry.core.ingest.own;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.specific.SpecificDatumReader;
import org.flowsentry.core.flow.FlowValidation;
import org.flowsentry.core.ingest.CountingInputStream;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.schema.FlowRecord;

/**
 * Avro object container files of FlowRecord (FlowSentry's own, from `generate` or `replay --save`).
 * Files written with an older released FlowRecord schema are resolved to the current one.
 */
public final class OwnAvroFormat implements FlowFormat {
    public static final OwnAvroFormat INSTANCE = new OwnAvroFormat();

    private OwnAvroFormat() {}

    @Override
    public String id() {
        return "flowsentry-avro";
    }

    @Override
    public String description() {
        return "Avro container file of FlowRecord (as written by `generate`)";
    }

    @Override
    public boolean matches(FileSample sample) {
        return sample.startsWith(DataFileConstants.MAGIC);
    }

    @Override
    public FlowReader open(InputStream in, String source, ReadErrors errors) throws IOException {
        return new Reader(in, source, errors);
    }

    private final class Reader implements FlowReader {
        private final CountingInputStream counting;
        private final DataFileStream<FlowRecord> records;
        private final String source;
        private final ReadErrors errors;
        private long index;
        private FlowRecord next;
        private boolean done;

        Reader(InputStream in, String source, ReadErrors errors) throws IOException {
            this.counting = new CountingInputStream(in);
            this.source = source;
            this.errors = errors;
            try {
                this.records = new DataFileStream<>(counting, new SpecificDatumReader<>(FlowRecord.class));
            } catch (IOException | AvroRuntimeException e) {
                in.close();
                throw new IOException(source + ": not a readable Avro FlowRecord file: " + e.getMessage(), e);
            }
        }

        @Override
        public boolean hasNext() {
            while (next == null && !done) {
                FlowRecord r;
                try {
                    if (!records.hasNext()) {
                        done = true;
                        break;
                    }
                    r = records.next();
                } catch (AvroRuntimeException e) {
                    // A corrupt block cannot be skipped in a stream: report it and end the read.
                    errors.report(source, index + 1, "corrupt Avro data, rest of file skipped: " + e.getMessage());
                    done = true;
                    break;
                }
                index++;
                String problem = FlowValidation.problem(r);
                if (problem != null) errors.report(source, index, problem);
                else next = r;
            }
            return next != null;
        }

        @Override
        public FlowRecord next() {
            if (!hasNext()) throw new NoSuchElementException();
            FlowRecord r = next;
            next = null;
            return r;
        }

        @Override
        public FlowFormat format() {
            return OwnAvroFormat.this;
        }

        @Override
        public ReadErrors errors() {
            return errors;
        }

        @Override
        public long bytesRead() {
            return counting.count();
        }

        @Override
        public void close() throws IOException {
            records.close();
        }
    }
}
