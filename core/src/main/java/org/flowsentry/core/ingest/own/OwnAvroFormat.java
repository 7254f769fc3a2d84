package org.flowsentry.core.ingest.own;

import java.io.IOException;
import java.io.InputStream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.specific.SpecificDatumReader;
import org.flowsentry.core.ingest.AbstractFlowReader;
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

    private final class Reader extends AbstractFlowReader {
        private final CountingInputStream counting;
        private final DataFileStream<FlowRecord> records;
        private long index;

        Reader(InputStream in, String source, ReadErrors errors) throws IOException {
            super(OwnAvroFormat.this, source, errors);
            this.counting = new CountingInputStream(in);
            try {
                this.records = new DataFileStream<>(counting, new SpecificDatumReader<>(FlowRecord.class));
            } catch (IOException | AvroRuntimeException e) {
                in.close();
                throw new IOException(source + ": not a readable Avro FlowRecord file: " + e.getMessage(), e);
            }
        }

        @Override
        protected FlowRecord readNext() {
            while (true) {
                FlowRecord r;
                try {
                    if (!records.hasNext()) return null;
                    r = records.next();
                } catch (AvroRuntimeException e) {
                    // A corrupt block cannot be skipped in a stream: report it and end the read.
                    errors.report(source, index + 1, "corrupt Avro data, rest of file skipped: " + e.getMessage());
                    return null;
                }
                index++;
                FlowRecord flow = validated(r, index);
                if (flow != null) return flow;
            }
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
