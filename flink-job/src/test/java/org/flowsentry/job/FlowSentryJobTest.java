package org.flowsentry.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flowsentry.core.bundle.TestBundles;
import org.flowsentry.core.features.ContextSpec;
import org.flowsentry.core.features.FeatureExtractor;
import org.flowsentry.core.features.FeatureLayout;
import org.flowsentry.core.generate.GeneratorOptions;
import org.flowsentry.core.generate.ScenarioKind;
import org.flowsentry.core.generate.ScenarioSpec;
import org.flowsentry.core.generate.TrafficGenerator;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.job.data.RawRecord;
import org.flowsentry.job.serialization.FlowEventSerializer;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.DeadLetter;
import org.flowsentry.schema.FlowRecord;
import org.flowsentry.schema.ModelBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The assembled pipeline on a MiniCluster, fed with env.fromData and read with in-memory sinks. */
class FlowSentryJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final TypeInformation<RawRecord> RAW = TypeInformation.of(RawRecord.class);

    private static StreamExecutionEnvironment environment(FlowSentryJob job) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration c = new Configuration();
        c.set(PipelineOptions.GENERIC_TYPES, false); // every type on the wire has a Flink or Avro serializer, none falls back to Kryo
        env.configure(c);
        job.configure(env);
        return env;
    }

    private static JobConfig config(int parallelism) {
        return JobConfig.defaults()
                .with(JobConfig.PARALLELISM, parallelism)
                .with(JobConfig.EMIT_SCORED, true)
                .with(JobConfig.INPUT_MAX_MESSAGE_SIZE, MemorySize.parse("4kb"))
                .with(JobConfig.MODEL_TRUSTED_KEYS, List.of("unused.pub")); // keys are injected below
    }

    @Test
    void featuresInTheJobEqualCoresFeatureExtractorBitForBit() throws Exception {
        assertJobFeaturesEqualCore(TestModels.kmeans(1), FeatureLayout.of(TestBundles.kmeans(1).getFeatureSpec()));
    }

    /** With pair context for at most 8 sources per destination, busy servers pass the bound: the same rule in both. */
    @Test
    void featuresEqualCoresWhenDestinationsHaveMoreSourcesThanTheirPairBound() throws Exception {
        ContextSpec eightPairs = ContextSpec.DEFAULT.withMaxPairsPerDestination(8);
        Map<String, Set<String>> sourcesByDestination = new HashMap<>();
        for (FlowRecord r : TestFlows.generated(5_000)) {
            sourcesByDestination.computeIfAbsent(r.getDstAddr(), d -> new HashSet<>()).add(r.getSrcAddr());
        }
        assertThat(sourcesByDestination.values()).anySatisfy(sources -> assertThat(sources).hasSizeGreaterThan(8));
        assertJobFeaturesEqualCore(TestModels.kmeans(1, eightPairs), new FeatureLayout(List.of(), eightPairs));
    }

    private void assertJobFeaturesEqualCore(byte[] bundle, FeatureLayout layout) throws Exception {
        List<FlowRecord> flows = TestFlows.generated(5_000);
        FlowSentryJob job = new FlowSentryJob(config(1));
        StreamExecutionEnvironment env = environment(job);
        List<RawRecord> raw = new ArrayList<>();
        for (int i = 0; i < flows.size(); i++) raw.add(TestFlows.avro(flows.get(i), i));
        FlowSentryJob.Outputs out = job.build(env.fromData(raw, RAW),
                env.fromData(List.of(TestModels.record(bundle, 0)), RAW), bundle, TestModels.trusted());

        // Between the operators with the hand-written serializer (FlowEvent's @TypeInfo), no wiring needed.
        assertThat(out.featured().getType().createSerializer(env.getConfig().getSerializerConfig())).isInstanceOf(FlowEventSerializer.class);
        List<FlowEvent> featured = out.featured().executeAndCollect(flows.size() + 1);

        assertThat(featured).hasSize(flows.size());
        FeatureExtractor core = new FeatureExtractor(layout);
        for (int i = 0; i < flows.size(); i++) {
            FlowEvent e = featured.get(i);
            assertThat(e.offset).isEqualTo(i);
            // isEqualTo on double[] compares every value bit for bit (Double.equals semantics).
            assertThat(e.features).as("flow %d", i).isEqualTo(core.extract(flows.get(i), FeatureLayout.eventTime(flows.get(i), 0)));
        }
    }

    @Test
    void attackFlowsRaiseAlertsAndEveryFlowIsScoredOrADeadLetterAtParallelismTwo() throws Exception {
        GeneratorOptions options = GeneratorOptions.defaults().withDuration(Duration.ofMinutes(10)).withScenarios(List.of(
                new ScenarioSpec(ScenarioKind.VERTICAL_PORT_SCAN, Duration.ofMinutes(1), Duration.ofSeconds(15), 1),
                new ScenarioSpec(ScenarioKind.SLOWLORIS, Duration.ofMinutes(4), Duration.ofMinutes(1), 1),
                new ScenarioSpec(ScenarioKind.HORIZONTAL_PORT_SCAN, Duration.ofMinutes(6), Duration.ofSeconds(30), 1)));
        List<FlowRecord> flows = new TrafficGenerator(options).stream().toList();
        List<RawRecord> raw = new ArrayList<>();
        long offset = 0;
        for (FlowRecord f : flows) {
            raw.add(TestFlows.avro(f, offset++));
            if (offset % 1000 == 0) { // bad input of every kind, spread through the stream
                FlowRecord negative = FlowRecord.newBuilder(f).setDstPackets(-1L).build();
                raw.add(TestFlows.avro(negative, offset++));
                raw.add(RawRecord.of("garbage".getBytes(StandardCharsets.UTF_8), TestFlows.TOPIC, offset++, TestFlows.T0));
                raw.add(RawRecord.of(new byte[5_000], TestFlows.TOPIC, offset++, TestFlows.T0));
                raw.add(RawRecord.of(null, TestFlows.TOPIC, offset++, TestFlows.T0));
            }
        }
        int bad = raw.size() - flows.size();

        ModelBundle v1 = TestModels.sign(TrainedBundles.fit(1));
        ModelBundle v2 = TestModels.sign(TrainedBundles.fit(2));
        ModelBundle tampered = TestModels.sign(TrainedBundles.fit(3));
        tampered.getEnsemble().setMinVotes(1);
        List<RawRecord> models = List.of(
                TestModels.record(AvroWire.MODEL_BUNDLE.encode(TrainedBundles.fit(4)), 0), // unsigned
                TestModels.record(AvroWire.MODEL_BUNDLE.encode(tampered), 1),
                TestModels.record(AvroWire.MODEL_BUNDLE.encode(v2), 2));

        FlowSentryJob job = new FlowSentryJob(config(2));
        StreamExecutionEnvironment env = environment(job);
        FlowSentryJob.Outputs out = job.build(env.fromData(raw, RAW), env.fromData(models, RAW),
                AvroWire.MODEL_BUNDLE.encode(v1), TestModels.trusted());
        CollectingSink<Alert> alertSink = new CollectingSink<>();
        CollectingSink<Alert> scoredSink = new CollectingSink<>();
        CollectingSink<DeadLetter> deadSink = new CollectingSink<>();
        FlowSentryJob.attach(out, alertSink, scoredSink, deadSink);
        env.execute("flowsentry-test");

        List<Alert> alerts = alertSink.values();
        List<Alert> scored = scoredSink.values();
        List<DeadLetter> dead = deadSink.values();
        Map<String, Long> deadByType = dead.stream().collect(Collectors.groupingBy(DeadLetter::getErrorType, Collectors.counting()));

        // Nothing lost: every input record was scored or is a dead letter (models aside).
        long inputDead = dead.stream().filter(d -> !d.getErrorType().equals("REFUSED_MODEL")).count();
        assertThat(scored.size() + inputDead).isEqualTo(raw.size());
        assertThat(scored).hasSize(flows.size());
        assertThat(deadByType).containsEntry("INVALID", bad / 4L).containsEntry("UNDECODABLE", 2L * bad / 4)
                .containsEntry("OVERSIZED", bad / 4L).containsEntry("REFUSED_MODEL", 2L).doesNotContainKey("UNSCORED");
        assertThat(dead).allSatisfy(d -> assertThat(d.getReason()).isNotBlank());
        assertThat(dead).filteredOn(d -> d.getErrorType().equals("INVALID"))
                .allSatisfy(d -> assertThat(d.getReason()).isEqualTo("negative dstPackets: -1"));
        assertThat(dead).filteredOn(d -> d.getErrorType().equals("REFUSED_MODEL")).extracting(DeadLetter::getReason)
                .anySatisfy(r -> assertThat(r).contains("is not signed"))
                .anySatisfy(r -> assertThat(r).contains("bad signature"));

        // Alerts are the flagged scored flows, once each, from the initial or the hot-swapped model.
        assertThat(alerts).allSatisfy(a -> assertThat(a.getFlagged()).isTrue());
        Set<String> alertIds = alerts.stream().map(Alert::getAlertId).collect(Collectors.toSet());
        assertThat(alertIds).hasSize(alerts.size());
        assertThat(alertIds).isEqualTo(scored.stream().filter(Alert::getFlagged).map(Alert::getAlertId).collect(Collectors.toSet()));
        assertThat(new HashSet<>(alerts.stream().map(Alert::getModelVersion).toList())).isSubsetOf(1L, 2L);

        // Detection: the attacks are flagged, benign traffic mostly is not.
        Map<String, long[]> byLabel = new HashMap<>();
        for (Alert a : scored) {
            long[] c = byLabel.computeIfAbsent(a.getLabel(), k -> new long[2]);
            c[0]++;
            if (a.getFlagged()) c[1]++;
        }
        for (ScenarioKind k : List.of(ScenarioKind.VERTICAL_PORT_SCAN, ScenarioKind.SLOWLORIS, ScenarioKind.HORIZONTAL_PORT_SCAN)) {
            long[] c = byLabel.get(k.label());
            assertThat(c).as(k.label()).isNotNull();
            assertThat((double) c[1] / c[0]).as(k.label() + " flagged share").isGreaterThan(0.9);
        }
        long[] benign = byLabel.get("BENIGN");
        assertThat((double) benign[1] / benign[0]).as("benign flagged share").isLessThan(0.1);
    }
}
