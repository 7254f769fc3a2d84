package org.flowsentry.trainer.eval;

import java.util.List;
import org.flowsentry.schema.DetectorVerdict;

/** The labelled flows of a test set as columns: truth, ensemble score and flag, and each detector's score and vote. */
final class ScoreColumns {
    final boolean[] attack;
    final double[] score;
    final boolean[] flagged;
    /** [detector][flow] */
    final double[][] detectorScore;
    final boolean[][] detectorVote;

    private ScoreColumns(int detectors, int rows) {
        attack = new boolean[rows];
        score = new double[rows];
        flagged = new boolean[rows];
        detectorScore = new double[detectors][rows];
        detectorVote = new boolean[detectors][rows];
    }

    /** @throws IllegalArgumentException when a verdict's detectors are not the named ones, in order */
    static ScoreColumns of(List<String> detectorNames, List<ScoredFlow> flows) {
        int rows = 0;
        for (ScoredFlow f : flows) {
            requireDetectors(detectorNames, f.verdict().detectors());
            if (f.labelled()) rows++;
        }
        ScoreColumns c = new ScoreColumns(detectorNames.size(), rows);
        int r = 0;
        for (ScoredFlow f : flows) {
            if (!f.labelled()) continue;
            c.attack[r] = f.attack();
            c.score[r] = f.verdict().score();
            c.flagged[r] = f.verdict().flagged();
            for (int d = 0; d < detectorNames.size(); d++) {
                DetectorVerdict v = f.verdict().detectors().get(d);
                c.detectorScore[d][r] = v.getScore();
                c.detectorVote[d][r] = v.getVote();
            }
            r++;
        }
        return c;
    }

    static void requireDetectors(List<String> names, List<DetectorVerdict> verdicts) {
        boolean same = verdicts.size() == names.size();
        for (int d = 0; same && d < names.size(); d++) same = names.get(d).equals(verdicts.get(d).getName());
        if (!same) {
            throw new IllegalArgumentException("verdict detectors " + verdicts.stream().map(DetectorVerdict::getName).toList()
                    + " are not the evaluated detectors " + names);
        }
    }
}
