package org.flowsentry.trainer;

/** Where the trainer reports its stages, so the CLI can show a progress bar per stage. */
public interface TrainingProgress {
    /** A new stage with a known amount of work (or -1 when unknown). */
    void stage(String name, long total);

    /** Work done so far in the current stage. */
    void stepTo(long done);

    /** The current stage is finished. */
    void done();

    TrainingProgress NONE = new TrainingProgress() {
        @Override
        public void stage(String name, long total) {}

        @Override
        public void stepTo(long done) {}

        @Override
        public void done() {}
    };
}
