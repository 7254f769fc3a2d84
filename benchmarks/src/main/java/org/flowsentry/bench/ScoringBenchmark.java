package org.flowsentry.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.flowsentry.core.features.FeatureExtractor;
import org.flowsentry.core.features.FeatureScaler;
import org.flowsentry.core.model.DetectorScorer;
import org.flowsentry.core.model.DetectorScorers;
import org.flowsentry.core.model.EnsembleScorer;
import org.flowsentry.core.model.EnsembleVerdict;
import org.flowsentry.schema.Detector;
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
 * Per-flow cost of scoring with the trained default ensemble (scale, five detectors, calibrate,
 * vote; target under 10 µs), of each detector alone on scaled vectors, of scaling alone, and of
 * feature extraction with host context. Inputs are held-out flows, cycled.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScoringBenchmark {

    /** The trained model and its inputs, built once per trial. */
    @State(Scope.Benchmark)
    public static class Model {
        TrainedModel m;
        double[][] scaled;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            m = TrainedModel.get();
            FeatureScaler scaler = m.scorer.scaler();
            scaled = new double[m.benign.length][];
            for (int i = 0; i < scaled.length; i++) scaled[i] = scaler.transform(m.benign[i]);
            System.out.printf("[model] fitted on %d benign flows, %d features; inputs: %d benign, %d mixed, %d flagged held-out flows%n",
                    m.bundle.getTraining().getTrainFlows(), m.scorer.layout().width(), m.benign.length, m.mixed.length,
                    m.flagged.length);
        }
    }

    /** One detector's scorer, built from the trained bundle, with its working arrays (as the ensemble has them). */
    @State(Scope.Thread)
    public static class OneDetector {
        @Param({"isolation_forest", "one_class_svm", "local_outlier_factor", "autoencoder", "kmeans_distance"})
        public String detector;
        DetectorScorer scorer;
        DetectorScorer.Scratch scratch;

        @Setup(Level.Trial)
        public void setUp(Model model) {
            Detector d = model.m.bundle.getDetectors().stream().filter(x -> x.getName().equals(detector)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no detector " + detector + " in the bundle"));
            scorer = DetectorScorers.create(d, model.m.scorer.layout().width());
            scratch = scorer.newScratch();
        }
    }

    /** The ensemble's working arrays, one set per thread as the job keeps one per operator instance. */
    @State(Scope.Thread)
    public static class Session {
        EnsembleScorer.Session session;

        @Setup(Level.Trial)
        public void setUp(Model model) {
            session = model.m.scorer.newSession();
        }
    }

    /** A feature extractor whose host context has already seen the flows once. */
    @State(Scope.Thread)
    public static class Extraction {
        FeatureExtractor extractor;
        FlowRecord[] flows;
        long span;
        long shift;
        int next;

        @Setup(Level.Trial)
        public void setUp(Model model) {
            flows = model.m.flows;
            extractor = new FeatureExtractor(model.m.scorer.layout());
            for (FlowRecord r : flows) extractor.extract(r, r.getStartMs());
            // Each pass over the flows moves their times on by the run's length, so event time never goes back.
            span = flows[flows.length - 1].getStartMs() - flows[0].getStartMs() + 1;
            shift = span;
        }

        /** Event time of the flow last returned by {@link #flow}. */
        long time;

        FlowRecord flow() {
            FlowRecord r = flows[next];
            time = r.getStartMs() + shift;
            if (++next == flows.length) {
                next = 0;
                shift += span;
            }
            return r;
        }
    }

    /** Position in an input set (per thread): each benchmark cycles through one set. */
    @State(Scope.Thread)
    public static class Cursor {
        int i;

        <T> T next(T[] inputs) {
            T x = inputs[i];
            if (++i == inputs.length) i = 0;
            return x;
        }
    }

    /** The full ensemble on held-out benign flows, the common case: few are flagged and explained. */
    @Benchmark
    public EnsembleVerdict ensemble(Model model, Session s, Cursor c) {
        return s.session.score(c.next(model.m.benign));
    }

    /**
     * What the job does without the scored output: the ensemble on held-out benign flows, stopping
     * once a flow cannot be flagged any more (the dearest detector skipped on most).
     */
    @Benchmark
    public EnsembleVerdict ensembleOnlyFlagged(Model model, Session s, Cursor c) {
        return s.session.scoreIfFlagged(c.next(model.m.benign));
    }

    /** The full ensemble on held-out flows as generated (most are attacks, most of those flagged). */
    @Benchmark
    public EnsembleVerdict ensembleMixed(Model model, Session s, Cursor c) {
        return s.session.score(c.next(model.m.mixed));
    }

    /** The full ensemble on held-out flows it flags: each verdict carries top features and an explanation. */
    @Benchmark
    public EnsembleVerdict ensembleFlagged(Model model, Session s, Cursor c) {
        return s.session.score(c.next(model.m.flagged));
    }

    /** Scaling alone (part of the ensemble's cost), on the benign flows. */
    @Benchmark
    public double[] scale(Model model, Cursor c) {
        return model.m.scorer.scaler().transform(c.next(model.m.benign));
    }

    /** One detector's raw score of a scaled benign flow (the inputs of {@link #ensemble}, scaled). */
    @Benchmark
    public double detector(Model model, OneDetector d, Cursor c) {
        return d.scorer.score(c.next(model.scaled), d.scratch);
    }

    /** The raw feature vector of a flow, updating the source, destination and pair context. */
    @Benchmark
    public void extract(Extraction e, Blackhole bh) {
        FlowRecord r = e.flow();
        bh.consume(e.extractor.extract(r, e.time));
    }
}
