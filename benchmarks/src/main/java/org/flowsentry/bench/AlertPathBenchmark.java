package org.flowsentry.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.flowsentry.core.model.EnsembleVerdict;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.job.support.AlertEncoder;
import org.flowsentry.job.support.AlertFormat;
import org.flowsentry.job.support.Alerts;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.FlowRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-flow cost of the streaming job's alert path after scoring, as with emit-scored: the Alert
 * built from a flow and its verdict, and its Avro bytes for the scored-flows topic and, when
 * flagged, for the alerts topic too. Verdicts of the trained ensemble on held-out benign and
 * flagged flows, paired with consecutive flows of the generated traffic for the identity.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AlertPathBenchmark {
    private static final int INPUTS = 1024;
    private static final String MODEL_ID = "bench-model";

    /** Flows and the ensemble's verdicts on them: all benign (not flagged) or all flagged. */
    @State(Scope.Thread)
    public static class Inputs {
        @Param({"benign", "flagged"})
        public String kind;
        FlowEvent[] events;
        EnsembleVerdict[] verdicts;
        int next;
        /** What the scoring function and the two sinks' serializers own. */
        final Alerts alerts = new Alerts();
        final AlertEncoder alertsSink = new AlertEncoder(AlertFormat.AVRO);
        final AlertEncoder scoredSink = new AlertEncoder(AlertFormat.AVRO);

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            TrainedModel m = TrainedModel.get();
            double[][] vectors = kind.equals("flagged") ? m.flagged : m.benign;
            events = new FlowEvent[INPUTS];
            verdicts = new EnsembleVerdict[INPUTS];
            boolean flagged = kind.equals("flagged");
            int v = 0;
            for (int i = 0; i < INPUTS; i++) {
                FlowRecord f = m.flows[i % m.flows.length];
                events[i] = new FlowEvent(f, f.getStartMs(), "flows", 0, i);
                EnsembleVerdict verdict;
                do verdict = m.scorer.score(vectors[v++ % vectors.length]); // held-out benign flows include false alarms
                while (verdict.flagged() != flagged);
                verdicts[i] = verdict;
            }
        }

        int advance() {
            int i = next;
            next = i + 1 == INPUTS ? 0 : i + 1;
            return i;
        }
    }

    /** The Alert of one scored flow (alert id included). */
    @Benchmark
    public Alert build(Inputs in) {
        int i = in.advance();
        return in.alerts.of(in.events[i], in.verdicts[i], MODEL_ID, 7L, 1_000L);
    }

    /** The alert id alone (SHA-256 over the flow's identity). */
    @Benchmark
    public String alertId(Inputs in) {
        return in.alerts.alertId(in.events[in.advance()], MODEL_ID, 7L);
    }

    /** Built and encoded as the two sinks do: once for the scored topic, and for the alerts topic when flagged. */
    @Benchmark
    public void buildAndEncode(Inputs in, Blackhole bh) {
        int i = in.advance();
        Alert a = in.alerts.of(in.events[i], in.verdicts[i], MODEL_ID, 7L, 1_000L);
        if (a.getFlagged()) bh.consume(in.alertsSink.value(a));
        bh.consume(in.scoredSink.value(a));
    }
}
