package org.flowsentry.core.generate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.flowsentry.schema.FlowRecord;

/**
 * Synthetic, labelled flow traffic of a small organisation, with injected attacks, for demos and
 * tests when no real capture is at hand. Deterministic: the same {@link GeneratorOptions} always
 * give the same flows, in non-decreasing startMs order.
 *
 * <p>Each kind of activity (people, machines, monitoring, backups, each attack) is a process that
 * works through its own events in time; an iterator merges them through a priority queue that
 * only holds the flows of the few sessions in progress, so memory does not grow with the length of
 * the run. Benign and attack processes draw from separate random streams: the benign background
 * is the same whichever attacks are added.
 */
public final class TrafficGenerator implements Iterable<FlowRecord> {
    private final GeneratorOptions options;
    private final Network network;

    public TrafficGenerator(GeneratorOptions options) {
        this.options = options;
        this.network = new Network(options);
    }

    public GeneratorOptions options() {
        return options;
    }

    /** A fresh pass over the whole run, from its first flow. */
    @Override
    public Iterator<FlowRecord> iterator() {
        return new Merge(sources(), options.endMs());
    }

    /** The flows as a sequential, ordered stream (not parallel: the order is the point). */
    public Stream<FlowRecord> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Where and when each configured attack happens, in the order of the options. */
    public List<ScenarioPlan> plan() {
        return scenarioSources().stream().map(ScenarioSource::plan).toList();
    }

    private List<Source> sources() {
        long start = options.startMs();
        long end = options.endMs();
        double peak = options.peakFlowsPerSecond();
        long seed = options.seed();
        List<Source> sources = new ArrayList<>();
        sources.add(new HumanActivity(network, new Rand(seed, Streams.HUMAN), start, end, peak));
        sources.add(new MachineActivity(network, new Rand(seed, Streams.MACHINE), start, end, peak));
        sources.add(new Monitoring(network, new Rand(seed, Streams.MONITORING), start, end));
        sources.add(new NightlyBackups(network, new Rand(seed, Streams.BACKUPS), start, end));
        sources.addAll(scenarioSources());
        return sources;
    }

    private List<ScenarioSource> scenarioSources() {
        Map<ScenarioKind, Integer> occurrences = new EnumMap<>(ScenarioKind.class);
        List<ScenarioSource> sources = new ArrayList<>();
        for (ScenarioSpec spec : options.scenarios()) {
            int occurrence = occurrences.merge(spec.kind(), 1, Integer::sum) - 1;
            Rand rand = new Rand(options.seed(), Streams.scenario(spec.kind(), occurrence));
            long start = options.startMs();
            sources.add(switch (spec.kind()) {
                case VERTICAL_PORT_SCAN -> new VerticalPortScan(spec, start, network, rand);
                case HORIZONTAL_PORT_SCAN -> new HorizontalPortScan(spec, start, network, rand);
                case SYN_FLOOD -> new SynFlood(spec, start, network, rand);
                case SSH_BRUTE_FORCE, FTP_BRUTE_FORCE -> new BruteForce(spec, start, network, rand);
                case SLOW_EXFILTRATION -> new SlowExfiltration(spec, start, network, rand);
                case DNS_TUNNELLING -> new DnsTunnel(spec, start, network, rand);
                case C2_BEACONING -> new C2Beaconing(spec, start, network, rand);
                case SLOWLORIS -> new Slowloris(spec, start, network, rand);
            });
        }
        return sources;
    }

    /**
     * Merges the processes: a flow leaves the queue once no process can still emit an earlier one,
     * i.e. when it starts no later than every process's next event.
     */
    static final class Merge implements Iterator<FlowRecord>, Emitter {
        private final Source[] sources;
        private final FlowQueue pending = new FlowQueue();
        private final long endMs;
        private long currentEventMs;
        private FlowRecord next;
        private int maxPending;

        Merge(List<Source> sources, long endMs) {
            this.sources = sources.toArray(new Source[0]);
            this.endMs = endMs;
        }

        @Override
        public boolean hasNext() {
            if (next == null) next = advance();
            return next != null;
        }

        @Override
        public FlowRecord next() {
            if (!hasNext()) throw new NoSuchElementException();
            FlowRecord r = next;
            next = null;
            return r;
        }

        private FlowRecord advance() {
            while (true) {
                Source earliest = null;
                double clock = Double.POSITIVE_INFINITY;
                for (Source s : sources) {
                    if (s.clock < clock) {
                        clock = s.clock;
                        earliest = s;
                    }
                }
                if (!pending.isEmpty() && (earliest == null || pending.firstStart() <= (long) clock)) return pending.poll();
                if (earliest == null) return null;
                currentEventMs = (long) clock;
                earliest.step(this);
                if (pending.size() > maxPending) maxPending = pending.size();
            }
        }

        @Override
        public void emit(FlowRecord flow) {
            long start = flow.getStartMs();
            if (start < currentEventMs) {
                throw new IllegalStateException("a process emitted a flow starting at " + start
                        + " before its event at " + currentEventMs);
            }
            if (start < endMs) pending.add(start, flow);
        }

        /** Largest number of flows the queue has held: stays small however long the run. */
        int maxPending() {
            return maxPending;
        }
    }
}
