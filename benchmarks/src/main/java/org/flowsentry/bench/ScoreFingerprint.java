package org.flowsentry.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.flowsentry.core.model.DetectorScorer;
import org.flowsentry.core.model.DetectorScorers;
import org.flowsentry.core.model.EnsembleScorer;
import org.flowsentry.core.model.EnsembleVerdict;
import org.flowsentry.schema.Detector;

/**
 * SHA-256 fingerprints of every score the benchmark model gives: each detector's raw score (all
 * 64 bits) on the scaled held-out flows and on 20,000 seeded random vectors (in the clip range,
 * with exact zeros and clipped extremes), and the ensemble's full verdicts (explained) on the
 * held-out flows. Two builds that print the same fingerprints score bit-identically: run it
 * before and after a change to a scorer. It also checks the ensemble's decision as the job takes
 * it ({@code Session.scoreIfFlagged}, where detectors may stop early) against the full verdict
 * of every held-out flow, and fails on the first difference.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.flowsentry.bench.ScoreFingerprint}
 */
public final class ScoreFingerprint {
    private ScoreFingerprint() {}

    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        TrainedModel m = TrainedModel.get();
        int width = m.scorer.layout().width();
        double[][] random = new double[20_000][width];
        SplittableRandom r = new SplittableRandom(42);
        for (double[] v : random) {
            for (int j = 0; j < width; j++) {
                double u = r.nextDouble();
                double x = u < 0.05 ? 50 : u < 0.1 ? -50 : u < 0.15 ? 0 : (r.nextDouble() * 2 - 1) * (u < 0.5 ? 2 : 30);
                v[j] = x;
            }
        }
        for (Detector d : m.bundle.getDetectors()) {
            DetectorScorer scorer = DetectorScorers.create(d, width);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer bits = ByteBuffer.allocate(8);
            for (double[][] set : new double[][][] {m.benign, m.mixed, m.flagged}) {
                for (double[] raw : set) update(md, bits, scorer.score(m.scorer.scaler().transform(raw)));
            }
            for (double[] x : random) update(md, bits, scorer.score(x));
            System.out.printf("%-22s %s%n", d.getName(), HexFormat.of().formatHex(md.digest()));
        }
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (double[][] set : new double[][][] {m.benign, m.mixed, m.flagged}) {
            for (double[] raw : set) md.update(m.scorer.score(raw, true).toString().getBytes(StandardCharsets.UTF_8));
        }
        System.out.printf("%-22s %s%n", "ensemble verdicts", HexFormat.of().formatHex(md.digest()));
        EnsembleScorer.Session session = m.scorer.newSession();
        int flows = 0;
        int flagged = 0;
        for (double[][] set : new double[][][] {m.benign, m.mixed, m.flagged}) {
            for (double[] raw : set) {
                EnsembleVerdict full = m.scorer.score(raw);
                EnsembleVerdict decision = session.scoreIfFlagged(raw);
                if (!(full.flagged() ? full.equals(decision) : decision == null)) {
                    throw new IllegalStateException("scoreIfFlagged differs from score on flow " + flows + ": " + decision + " vs " + full);
                }
                flows++;
                if (full.flagged()) flagged++;
            }
        }
        System.out.printf("the decision equals the full verdict on all %,d held-out flows (%,d flagged)%n", flows, flagged);
    }

    private static void update(MessageDigest md, ByteBuffer bits, double score) {
        bits.clear();
        bits.putLong(Double.doubleToRawLongBits(score));
        md.update(bits.array());
    }
}
