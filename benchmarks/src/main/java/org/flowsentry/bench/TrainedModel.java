package org.flowsentry.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowsentry.core.bundle.BundleFiles;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.generate.GeneratorOptions;
import org.flowsentry.core.ingest.FlowFiles;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.ingest.own.OwnAvroFormat;
import org.flowsentry.core.model.EnsembleScorer;
import org.flowsentry.core.output.FlowFileFormat;
import org.flowsentry.core.output.FlowWriter;
import org.flowsentry.schema.FlowRecord;
import org.flowsentry.schema.ModelBundle;
import org.flowsentry.trainer.DetectorCatalog;
import org.flowsentry.trainer.FeatureTable;
import org.flowsentry.trainer.Trainer;
import org.flowsentry.trainer.TrainerOptions;
import org.flowsentry.trainer.TrainingProgress;

/**
 * The default five-detector ensemble trained on seeded generated traffic with host context, and
 * held-out inputs to score: seeded samples of the held-out benign flows (the common case in
 * production) and of all held-out flows (a 2 h run is mostly attacks: the generator packs every
 * scenario into it), the held-out flows the ensemble flags, and a run of consecutive flows for
 * feature extraction.
 *
 * <p>Training is deterministic and takes tens of seconds, and JMH forks a JVM per benchmark: so
 * the first fork saves the result under java.io.tmpdir, keyed by the benchmark jar's size and
 * modification time (a rebuilt jar trains afresh), and later forks read it back.
 */
final class TrainedModel {
    /** Inputs per set; the benchmarks cycle through them. */
    static final int SAMPLE = 4096;
    static final Duration TRAFFIC = Duration.ofHours(2);
    static final long SEED = 1L;

    final ModelBundle bundle;
    final EnsembleScorer scorer;
    /** Raw feature vectors of held-out benign flows, in event-time order. */
    final double[][] benign;
    /** Raw feature vectors of held-out flows, benign and attack, in event-time order. */
    final double[][] mixed;
    /** Raw feature vectors of held-out flows that the ensemble flags (and so explains). */
    final double[][] flagged;
    /** Consecutive flows in event-time order, for feature extraction with context. */
    final FlowRecord[] flows;

    private TrainedModel(ModelBundle bundle, double[][] benign, double[][] mixed, double[][] flagged,
                         FlowRecord[] flows) {
        this.bundle = bundle;
        this.scorer = EnsembleScorer.of(bundle);
        this.benign = benign;
        this.mixed = mixed;
        this.flagged = flagged;
        this.flows = flows;
    }

    /** The trained model of this jar: read from the cache, or trained and cached. */
    static TrainedModel get() throws IOException {
        Path dir = cacheDir();
        if (dir != null && Files.isDirectory(dir)) {
            System.out.println("[model] reading the trained model cached in " + dir);
            Files.setLastModifiedTime(dir, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
            return read(dir);
        }
        long start = System.nanoTime();
        TrainedModel m = train();
        System.out.printf("[model] trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
        if (dir != null) m.write(dir);
        return m;
    }

    /** Generates the traffic, trains on a seeded 80% of it and keeps held-out inputs (tens of seconds). */
    static TrainedModel train() throws IOException {
        Path file = Files.createTempFile("flowsentry-bench-", ".avro");
        try {
            Workloads.writeGenerated(GeneratorOptions.defaults().withSeed(SEED).withDuration(TRAFFIC), Integer.MAX_VALUE, file);
            TrainerOptions options = TrainerOptions.DEFAULTS.withSeed(SEED).withContext(true);
            FeatureTable table = Workloads.load(List.of(file), options, TrainingProgress.NONE);
            int[][] parts = FeatureTable.split(table.allRows(), 0.8, SEED);
            ModelBundle bundle = new Trainer(options, DetectorCatalog.create(DetectorCatalog.DEFAULT), TrainingProgress.NONE)
                    .train(table, parts[0], List.of("generated " + TRAFFIC), 0L, 1L);
            EnsembleScorer scorer = EnsembleScorer.of(bundle);

            int[] benignRows = Arrays.stream(parts[1]).filter(i -> Labels.isBenign(table.flow(i).getLabel())).toArray();
            double[][] benign = vectors(table, sample(benignRows));
            double[][] mixed = vectors(table, sample(parts[1]));
            List<double[]> flagged = new ArrayList<>();
            for (int i : parts[1]) {
                if (flagged.size() == SAMPLE) break;
                if (scorer.score(table.raw(i)).flagged()) flagged.add(table.raw(i));
            }
            if (flagged.isEmpty()) throw new IllegalStateException("the ensemble flags no held-out flow");
            // A run from the middle of the traffic: hosts recur, as on a live link.
            int from = Math.max(0, table.size() / 2 - SAMPLE / 2);
            FlowRecord[] flows = new FlowRecord[Math.min(SAMPLE, table.size())];
            for (int k = 0; k < flows.length; k++) flows[k] = table.flow(from + k);
            return new TrainedModel(bundle, benign, mixed, flagged.toArray(double[][]::new), flows);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static int[] sample(int[] rows) {
        return rows.length <= SAMPLE ? rows : FeatureTable.split(rows, (double) SAMPLE / rows.length, SEED + 1)[0];
    }

    private static double[][] vectors(FeatureTable table, int[] rows) {
        return Arrays.stream(rows).mapToObj(table::raw).toArray(double[][]::new);
    }

    /** Where this jar's trained model is cached, or null when not running from a jar. */
    private static Path cacheDir() throws IOException {
        Path jar;
        try {
            jar = Path.of(TrainedModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
        if (!Files.isRegularFile(jar)) return null;
        String key = Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis() + "-seed" + SEED + "-" + TRAFFIC.toMinutes() + "min";
        return Path.of(System.getProperty("java.io.tmpdir"), "flowsentry-bench", key);
    }

    private void write(Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        long dayAgo = System.currentTimeMillis() - 86_400_000L;
        try (var old = Files.list(dir.getParent())) { // models of earlier builds of the jar, unused for a day
            for (Path p : old.toList()) if (Files.getLastModifiedTime(p).toMillis() < dayAgo) deleteTree(p);
        }
        Path tmp = Files.createTempDirectory(dir.getParent(), "partial-");
        BundleFiles.write(bundle, tmp.resolve("bundle.avro"));
        try (FlowWriter w = FlowFileFormat.AVRO.open(tmp.resolve("flows.avro"))) {
            for (FlowRecord r : flows) w.write(r);
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp.resolve("vectors.bin"))))) {
            writeVectors(out, benign);
            writeVectors(out, mixed);
            writeVectors(out, flagged);
        }
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE); // readers never see half a cache
        } catch (IOException e) {
            System.out.println("[model] not cached: " + e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static TrainedModel read(Path dir) throws IOException {
        ModelBundle bundle = BundleFiles.read(dir.resolve("bundle.avro"));
        List<FlowRecord> flows = new ArrayList<>();
        try (FlowReader r = FlowFiles.open(dir.resolve("flows.avro"), OwnAvroFormat.INSTANCE, ReadErrors.unlimited())) {
            while (r.hasNext()) flows.add(r.next());
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve("vectors.bin"))))) {
            double[][] benign = readVectors(in);
            double[][] mixed = readVectors(in);
            double[][] flagged = readVectors(in);
            return new TrainedModel(bundle, benign, mixed, flagged, flows.toArray(FlowRecord[]::new));
        }
    }

    private static void writeVectors(DataOutputStream out, double[][] vectors) throws IOException {
        out.writeInt(vectors.length);
        out.writeInt(vectors[0].length);
        for (double[] v : vectors) for (double x : v) out.writeDouble(x);
    }

    private static double[][] readVectors(DataInputStream in) throws IOException {
        double[][] out = new double[in.readInt()][in.readInt()];
        for (double[] v : out) for (int j = 0; j < v.length; j++) v[j] = in.readDouble();
        return out;
    }
}
