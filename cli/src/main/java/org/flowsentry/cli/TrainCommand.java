package org.flowsentry.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.flowsentry.core.bundle.BundleFiles;
import org.flowsentry.core.bundle.BundleKeys;
import org.flowsentry.core.bundle.BundleSignatures;
import org.flowsentry.core.features.ContextSpec;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.FlowFormats;
import org.flowsentry.schema.Detector;
import org.flowsentry.schema.ModelBundle;
import org.flowsentry.trainer.DetectorCatalog;
import org.flowsentry.trainer.FeatureTable;
import org.flowsentry.trainer.Trainer;
import org.flowsentry.trainer.TrainerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Trains the detector ensemble on recorded flows and writes a (signed) model bundle. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the anomaly-detection ensemble on recorded flows and write a model bundle.",
                "With labels, detectors learn from the benign flows only; without, from all flows (unsupervised)."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE", description = "Training data files (any supported format).")
    List<Path> data;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Where to write the model bundle (.avro).")
    Path out;

    @Option(names = "--format", paramLabel = "ID", description = "Input format (default: detected per file).")
    String format;

    @Option(names = "--label", paramLabel = "LABEL", description = "Ground-truth label for flows that carry none.")
    String defaultLabel;

    @Option(names = "--benign-label", defaultValue = Labels.BENIGN, paramLabel = "LABEL",
            description = "Label of benign flows (readers map each dataset's benign marker to ${DEFAULT-VALUE}).")
    String benignLabel;

    @Option(names = "--contamination", defaultValue = "0.01", paramLabel = "SHARE",
            description = "Share of benign held-out flows each detector may flag (its threshold); without labels, the expected "
                    + "share of anomalies (default: ${DEFAULT-VALUE}).")
    double contamination;

    @Option(names = "--detectors", defaultValue = "default", paramLabel = "LIST", split = ",",
            description = "Detectors to train: default (the five unsupervised ones), all (plus the supervised random forest), "
                    + "or names from: ${COMPLETION-CANDIDATES}.", completionCandidates = DetectorNames.class)
    List<String> detectors;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed: same seed and data, same bundle (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--key", paramLabel = "FILE", description = "Private key (NAME.key from `flowsentry keygen`; NAME.pub must be beside it) to sign the bundle.")
    Path key;

    @Option(names = "--model-id", defaultValue = "flowsentry", description = "Model id (default: ${DEFAULT-VALUE}).")
    String modelId;

    @Option(names = "--model-version", paramLabel = "N", description = "Model version (default: the creation time in ms, so newer is larger).")
    Long modelVersion;

    @Option(names = "--context", defaultValue = "auto", paramLabel = "auto|on|off",
            description = "Host-context features (need times and addresses; default: ${DEFAULT-VALUE}).")
    String context;

    @Option(names = "--unidirectional", description = {"Train on one-way records, as NetFlow/IPFIX/sFlow exporters (goflow2, pmacct)",
            "send them: each bidirectional training flow becomes a record per direction. Use it for a model scoring such exporters."})
    boolean unidirectional;

    @Option(names = "--max-pairs-per-destination", defaultValue = "" + ContextSpec.DEFAULT_MAX_PAIRS_PER_DESTINATION, paramLabel = "N",
            description = {"Sources a destination host keeps pair context for at once, here and in the job (default: ${DEFAULT-VALUE});",
                    "a further source's flows get a first flow's pair features. Raise it for servers with more concurrent clients."})
    int maxPairsPerDestination;

    @Option(names = "--min-votes", defaultValue = "2", description = "Detectors that must vote to flag a flow (default: ${DEFAULT-VALUE}).")
    int minVotes;

    @Option(names = "--max-train-rows", defaultValue = "100000", description = "Most rows the detectors fit on (default: ${DEFAULT-VALUE}).")
    int maxTrainRows;

    static final class DetectorNames extends ArrayList<String> {
        DetectorNames() {
            super(DetectorCatalog.names());
        }
    }

    @Override
    public Integer call() throws Exception {
        if (key != null && !Files.isRegularFile(key)) throw new IllegalArgumentException("no such key file: " + key);
        for (Path p : data) if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no such file: " + p);
        TrainerOptions options = TrainerOptions.DEFAULTS
                .withSeed(seed)
                .withBenignLabel(benignLabel)
                .withContamination(contamination)
                .withVotes(minVotes, Math.max(minVotes, 3), Math.max(Math.max(minVotes, 3), 4))
                .withContext(switch (context) {
                    case "auto" -> null;
                    case "on" -> true;
                    case "off" -> false;
                    default -> throw new IllegalArgumentException("--context must be auto, on or off");
                })
                .withModelId(modelId)
                .withMaxTrainRows(maxTrainRows);
        FlowFormat chosen = format == null ? null : FlowFormats.require(format);
        long started = System.nanoTime();
        StageProgress progress = new StageProgress();

        FeatureTable.DataProfile profile = FeatureTable.profile(data, chosen, defaultLabel, unidirectional, progress);
        FeatureLayout layout = FeatureTable.chooseLayout(profile, options.context(), maxPairsPerDestination);
        FeatureTable table = FeatureTable.load(data, chosen, defaultLabel, benignLabel, unidirectional, layout, progress);
        long created = createdAtMs();
        Trainer trainer = new Trainer(options, DetectorCatalog.create(detectors), progress);
        ModelBundle bundle = trainer.train(table, table.allRows(), data.stream().map(Path::toString).toList(), created,
                modelVersion != null ? modelVersion : created);
        if (key != null) {
            bundle = BundleSignatures.sign(bundle, BundleKeys.readPrivate(key), BundleKeys.readPublic(BundleKeys.publicFileFor(key)));
        }
        BundleFiles.write(bundle, out);
        double seconds = (System.nanoTime() - started) / 1e9;

        System.out.printf("trained %s v%d on %,d flows (%,d fitted, %,d for calibration) in %.1f s%n", bundle.getModelId(),
                bundle.getModelVersion(), table.size(), bundle.getTraining().getTrainFlows(), bundle.getTraining().getCalibrationFlows(), seconds);
        System.out.printf("  features    %d (%s context%s%s; %d dataset columns)%n", layout.width(), layout.hasContext() ? "with" : "without",
                layout.hasContext() && layout.context().oneWayRecords() ? " of one-way records, failures judged by TCP flags" : "",
                layout.hasContext() ? String.format(", pair context for up to %,d sources per destination",
                        layout.context().maxPairsPerDestination()) : "",
                layout.extras().size());
        for (Detector d : bundle.getDetectors()) {
            System.out.printf("  detector    %-18s threshold %.4f%s%n", d.getName(), d.getCalibration().getThreshold(),
                    d.getVotes() ? "" : " (reported, does not vote)");
        }
        long malformed = table.readErrors().stream().mapToLong(e -> e.count()).sum();
        if (malformed > 0) System.out.printf("  malformed   %,d rows skipped (see `flowsentry inspect`)%n", malformed);
        System.out.printf("  bundle      %s (%,d bytes, %s)%n", out, Files.size(out),
                bundle.getSignature() == null ? "UNSIGNED" : "signed by key " + bundle.getSignature().getKeyId());
        return 0;
    }

    /** SOURCE_DATE_EPOCH (seconds), the reproducible-builds convention, makes bundles byte-identical across runs. */
    static long createdAtMs() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        if (epoch != null && !epoch.isBlank()) return Long.parseLong(epoch.strip()) * 1000;
        return System.currentTimeMillis();
    }
}
