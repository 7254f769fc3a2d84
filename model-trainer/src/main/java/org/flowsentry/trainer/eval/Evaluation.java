package org.flowsentry.trainer.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flowsentry.schema.Severity;

/**
 * Metrics of a scored, labelled test set: the ensemble's and each detector's, recall per attack
 * category, flow counts and alerts per severity. Flows of unknown label are counted and their
 * alerts included in the severity counts, but they are kept out of every metric.
 */
public record Evaluation(
        List<String> detectorNames,
        Metrics ensemble,
        Map<String, Metrics> detectors,
        Map<String, CategoryRecall> perCategory,
        FlowCounts flows,
        Map<Severity, Long> severity) {

    /** How many flows of the test set there were, by ground truth. */
    public record FlowCounts(long total, long labelled, long benign, long attack) {}

    /**
     * Attack flows of one category and how many of them were caught: by the ensemble
     * (flagged) and by each detector (voted).
     */
    public record CategoryRecall(long flows, long detected, Map<String, Long> detectedBy) {
        public CategoryRecall {
            detectedBy = Collections.unmodifiableMap(new LinkedHashMap<>(detectedBy));
        }

        public double recall() {
            return Metrics.ratio(detected, flows);
        }

        public double recall(String detector) {
            return Metrics.ratio(detectedBy.getOrDefault(detector, 0L), flows);
        }
    }

    public Evaluation {
        detectorNames = List.copyOf(detectorNames);
        detectors = Collections.unmodifiableMap(new LinkedHashMap<>(detectors));
        perCategory = Collections.unmodifiableMap(new TreeMap<>(perCategory));
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class); // EnumMap's copy constructor refuses an empty HashMap
        bySeverity.putAll(severity);
        severity = Collections.unmodifiableMap(bySeverity);
    }

    /**
     * Evaluates scored flows. Per detector: ROC/PR-AUC of its calibrated score, the confusion
     * counts of its vote; ensemble: of the combined score and the flag.
     *
     * @param detectorNames the scorer's detectors, in the order of every verdict's detector list
     * @throws IllegalArgumentException when a verdict lists other detectors
     */
    public static Evaluation of(List<String> detectorNames, List<ScoredFlow> flows) {
        ScoreColumns c = ScoreColumns.of(detectorNames, flows);
        Metrics ensemble = Metrics.of(c.attack, c.score, c.flagged);
        Map<String, Metrics> detectors = new LinkedHashMap<>();
        for (int d = 0; d < detectorNames.size(); d++) {
            detectors.put(detectorNames.get(d), Metrics.of(c.attack, c.detectorScore[d], c.detectorVote[d]));
        }

        long attacks = 0;
        for (boolean a : c.attack) if (a) attacks++;
        FlowCounts counts = new FlowCounts(flows.size(), c.attack.length, c.attack.length - attacks, attacks);

        Map<Severity, Long> severity = new EnumMap<>(Severity.class);
        for (Severity s : List.of(Severity.LOW, Severity.MEDIUM, Severity.HIGH)) severity.put(s, 0L);
        Map<String, long[]> caught = new TreeMap<>(); // per category: [flows, ensemble, detector 0, detector 1, ...]
        for (ScoredFlow f : flows) {
            severity.computeIfPresent(f.verdict().severity(), (s, n) -> n + 1);
            String group = f.attackGroup();
            if (group == null) continue;
            long[] k = caught.computeIfAbsent(group, g -> new long[2 + detectorNames.size()]);
            k[0]++;
            if (f.verdict().flagged()) k[1]++;
            for (int d = 0; d < detectorNames.size(); d++) if (f.verdict().detectors().get(d).getVote()) k[2 + d]++;
        }
        Map<String, CategoryRecall> perCategory = new TreeMap<>();
        caught.forEach((group, k) -> {
            Map<String, Long> by = new LinkedHashMap<>();
            for (int d = 0; d < detectorNames.size(); d++) by.put(detectorNames.get(d), k[2 + d]);
            perCategory.put(group, new CategoryRecall(k[0], k[1], by));
        });
        return new Evaluation(detectorNames, ensemble, detectors, perCategory, counts, severity);
    }

    /**
     * The JSON of {@code flowsentry evaluate --json}, a public contract: {"ensemble": metrics,
     * "detectors": {name: metrics}, "per_category": {category: {"flows", "detected", "recall",
     * "detectors": {name: {"detected", "recall"}}}}, "flows": {"total", "labelled", "benign",
     * "attack"}, "severity": {"LOW", "MEDIUM", "HIGH"}}; see {@link Metrics#toJson()}.
     */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("ensemble", ensemble.toJson());
        ObjectNode det = root.putObject("detectors");
        detectors.forEach((name, m) -> det.set(name, m.toJson()));
        ObjectNode cats = root.putObject("per_category");
        perCategory.forEach((group, r) -> {
            ObjectNode n = cats.putObject(group);
            n.put("flows", r.flows());
            n.put("detected", r.detected());
            Metrics.putNumber(n, "recall", r.recall());
            ObjectNode by = n.putObject("detectors");
            r.detectedBy().forEach((name, detected) -> {
                ObjectNode d = by.putObject(name);
                d.put("detected", detected);
                Metrics.putNumber(d, "recall", r.recall(name));
            });
        });
        ObjectNode f = root.putObject("flows");
        f.put("total", flows.total());
        f.put("labelled", flows.labelled());
        f.put("benign", flows.benign());
        f.put("attack", flows.attack());
        ObjectNode s = root.putObject("severity");
        severity.forEach((level, n) -> s.put(level.name(), n));
        return root;
    }
}
