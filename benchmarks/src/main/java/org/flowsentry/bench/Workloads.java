package org.flowsentry.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.generate.GeneratorOptions;
import org.flowsentry.core.generate.TrafficGenerator;
import org.flowsentry.core.output.FlowFileFormat;
import org.flowsentry.core.output.FlowWriter;
import org.flowsentry.schema.FlowRecord;
import org.flowsentry.trainer.FeatureTable;
import org.flowsentry.trainer.TrainerOptions;
import org.flowsentry.trainer.TrainingProgress;

/** Data for the benchmarks: seeded generated traffic, read back the way the trainer reads any dataset. */
final class Workloads {
    private Workloads() {}

    /**
     * Writes the first maxFlows flows of the generator's run to an Avro file (the trainer reads
     * files: going through one keeps the benchmark on the production path). Returns the count.
     */
    static int writeGenerated(GeneratorOptions options, int maxFlows, Path file) throws IOException {
        int n = 0;
        try (FlowWriter w = FlowFileFormat.AVRO.open(file)) {
            for (FlowRecord r : new TrafficGenerator(options)) {
                if (n == maxFlows) break;
                w.write(r);
                n++;
            }
        }
        return n;
    }

    /** Profiles the files, chooses the layout as the trainer does, and loads the feature table. */
    static FeatureTable load(List<Path> files, TrainerOptions options, TrainingProgress progress) throws IOException {
        FeatureLayout layout = FeatureTable.chooseLayout(FeatureTable.profile(files, null, null, progress), options.context());
        return FeatureTable.load(files, null, null, null, layout, progress);
    }
}
