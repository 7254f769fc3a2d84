package org.flowsentry.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar with rate and ETA on stderr for long work, shown only on an interactive
 * terminal so that logs and pipes stay clean. Set FLOWSENTRY_PROGRESS=0 to turn it off.
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static boolean enabled() {
        return System.console() != null && !"0".equals(System.getenv("FLOWSENTRY_PROGRESS"));
    }

    /**
     * @param max total work in units of {@code unitSize}, or -1 when unknown
     * @param unit the unit's name shown with the rate, e.g. " MB" or " flows"
     */
    static Progress start(String task, long max, String unit, long unitSize) {
        if (!enabled()) return new Progress(null);
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setUnit(unit, unitSize)
                .showSpeed()
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(250)
                .continuousUpdate()
                .build();
        return new Progress(bar);
    }

    void stepTo(long n) {
        if (bar != null) bar.stepTo(n);
    }

    void extraMessage(String message) {
        if (bar != null) bar.setExtraMessage(message);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
