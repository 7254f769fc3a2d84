package org.flowsentry.trainer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.flowsentry.trainer.detectors.AutoencoderTrainer;
import org.flowsentry.trainer.detectors.DetectorTrainer;
import org.flowsentry.trainer.detectors.IsolationForestTrainer;
import org.flowsentry.trainer.detectors.KMeansTrainer;
import org.flowsentry.trainer.detectors.LofTrainer;
import org.flowsentry.trainer.detectors.OneClassSvmTrainer;
import org.flowsentry.trainer.detectors.RandomForestTrainer;

/** The detectors FlowSentry trains, by name, with their default options. */
public final class DetectorCatalog {
    private static final Map<String, Supplier<DetectorTrainer>> TRAINERS = Map.of(
            "isolation_forest", IsolationForestTrainer::new,
            "one_class_svm", OneClassSvmTrainer::new,
            "local_outlier_factor", LofTrainer::new,
            "autoencoder", AutoencoderTrainer::new,
            "kmeans_distance", KMeansTrainer::new,
            "random_forest", RandomForestTrainer::new);

    /** The five unsupervised detectors of the ensemble, in report order. */
    public static final List<String> DEFAULT = List.of(
            "isolation_forest", "one_class_svm", "local_outlier_factor", "autoencoder", "kmeans_distance");

    private DetectorCatalog() {}

    public static List<String> names() {
        List<String> out = new ArrayList<>(DEFAULT);
        out.add("random_forest");
        return out;
    }

    /**
     * Trainers for a list of names; "default" stands for the five unsupervised detectors and "all"
     * adds the supervised random forest (trained only when the data has labels).
     */
    public static List<DetectorTrainer> create(List<String> requested) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String r : requested) {
            String n = r.strip().toLowerCase(java.util.Locale.ROOT);
            switch (n) {
                case "default" -> names.addAll(DEFAULT);
                case "all" -> names.addAll(names());
                default -> {
                    if (!TRAINERS.containsKey(n)) {
                        throw new IllegalArgumentException("unknown detector '" + r + "'; known: default, all, " + String.join(", ", names()));
                    }
                    names.add(n);
                }
            }
        }
        List<DetectorTrainer> out = new ArrayList<>();
        for (String n : names) out.add(TRAINERS.get(n).get());
        return out;
    }
}
