package org.flowsentry.job.support;

/** How alerts are written to Kafka. */
public enum AlertFormat {
    /** Avro single-object encoding of Alert (FlowSentry's wire format). */
    AVRO,
    /** One plain JSON object per alert, for consumers that cannot read Avro. */
    JSON
}
