package org.flowsentry.cli;

import org.flowsentry.trainer.TrainingProgress;

/** Shows each training stage as its own progress bar (with rate) on a terminal; one line per stage otherwise. */
final class StageProgress implements TrainingProgress {
    private Progress bar;
    private String stage;
    private long startNanos;

    @Override
    public void stage(String name, long total) {
        done();
        stage = name;
        startNanos = System.nanoTime();
        boolean bytes = name.equals("read") || name.equals("profile");
        bar = bytes ? Progress.start(name, total < 0 ? -1 : (total >> 20), " MB", 1)
                : Progress.start(name, total, total < 0 ? "" : " flows", 1);
    }

    @Override
    public void stepTo(long done) {
        if (bar != null) bar.stepTo(stage.equals("read") || stage.equals("profile") ? done >> 20 : done);
    }

    @Override
    public void done() {
        if (bar == null) return;
        bar.close();
        bar = null;
        if (!Progress.enabled()) System.err.printf("  %-28s %6.1f s%n", stage, (System.nanoTime() - startNanos) / 1e9);
    }
}
