package org.flowsentry.job.operators;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.job.JobDescriptors;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.job.data.RawRecord;
import org.flowsentry.job.support.DeadLetters;
import org.flowsentry.job.support.DeadLetters.Kind;
import org.flowsentry.job.support.FlowDecoder;
import org.flowsentry.job.support.InputFormat;
import org.flowsentry.schema.DeadLetter;
import org.flowsentry.schema.FlowRecord;

/**
 * Raw message to flows: decodes with the configured format, validates with core's
 * FlowValidation, and sends everything unusable (undecodable, invalid, oversized) to the
 * dead-letter side output with the reason. Never throws on input. The event time of a flow is
 * its start, or the Kafka timestamp when it has none.
 *
 * <p>Metrics: recordsIn (messages), flowsIn (valid flows out), deadLetters, skipped (non-flow
 * records such as exporter markers, which are not errors).
 */
public class DecodeFunction extends ProcessFunction<RawRecord, FlowEvent> {
    private static final long serialVersionUID = 1L;

    private final String formatSpec;
    private final String csvColumns;
    private final long maxMessageBytes;

    private transient FlowDecoder decoder;
    private transient Counter recordsIn;
    private transient Counter flowsIn;
    private transient Counter deadLetters;
    private transient Counter skipped;

    /**
     * @param formatSpec input format as {@link InputFormat#parse} reads it
     * @param csvColumns header line for CSV formats with a header row, else null
     * @param maxMessageBytes larger messages are dead letters
     */
    public DecodeFunction(String formatSpec, String csvColumns, long maxMessageBytes) {
        this.formatSpec = formatSpec;
        this.csvColumns = csvColumns;
        this.maxMessageBytes = maxMessageBytes;
        FlowDecoder.create(InputFormat.parse(formatSpec), csvColumns); // fail at build time, not in the cluster
    }

    @Override
    public void open(OpenContext openContext) {
        decoder = FlowDecoder.create(InputFormat.parse(formatSpec), csvColumns);
        MetricGroup m = getRuntimeContext().getMetricGroup();
        recordsIn = m.counter("recordsIn");
        flowsIn = m.counter("flowsIn");
        deadLetters = m.counter("deadLetters");
        skipped = m.counter("skipped");
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<FlowEvent> out) {
        recordsIn.inc();
        long now = ctx.timerService().currentProcessingTime();
        String format = decoder.format().spec();
        if (raw.value == null) {
            dead(ctx, DeadLetters.of(raw, null, Kind.UNDECODABLE, "empty message (null value, a tombstone?)", format, now));
            return;
        }
        if (raw.value.length > maxMessageBytes) {
            dead(ctx, DeadLetters.oversized(raw, maxMessageBytes, format, now));
            return;
        }
        decoder.decode(raw.value, new FlowDecoder.Results() {
            @Override
            public void flow(FlowRecord flow) {
                flowsIn.inc();
                out.collect(new FlowEvent(flow, FeatureLayout.eventTime(flow, raw.timestampMs), raw.topic, raw.partition, raw.offset));
            }

            @Override
            public void failed(Kind kind, String reason, byte[] data) {
                dead(ctx, DeadLetters.of(raw, data, kind, reason, format, now));
            }

            @Override
            public void skipped(String what) {
                skipped.inc();
            }
        });
    }

    private void dead(Context ctx, DeadLetter letter) {
        deadLetters.inc();
        ctx.output(JobDescriptors.DEAD_LETTERS, letter);
    }

    // For tests: the metric values of this instance.
    long recordsIn() {
        return recordsIn.getCount();
    }

    long flowsIn() {
        return flowsIn.getCount();
    }

    long deadLetters() {
        return deadLetters.getCount();
    }

    long skipped() {
        return skipped.getCount();
    }
}
