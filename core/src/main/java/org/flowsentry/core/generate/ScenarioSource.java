package org.flowsentry.core.generate;

import org.flowsentry.core.flow.Protocols;
import org.flowsentry.schema.FlowRecord;

/** One injected attack: its time window, intensity, actors and the flows of each of its events. */
abstract class ScenarioSource extends Source {
    final ScenarioKind kind;
    final long startMs;
    final long endMs;
    final double intensity;
    final Network net;
    final Rand rand;

    ScenarioSource(ScenarioSpec spec, long runStartMs, Network net, Rand rand) {
        this.kind = spec.kind();
        this.startMs = runStartMs + spec.startOffset().toMillis();
        this.endMs = runStartMs + spec.endOffset().toMillis();
        this.intensity = spec.intensity();
        this.net = net;
        this.rand = rand;
        this.clock = startMs < endMs ? startMs : Double.POSITIVE_INFINITY;
    }

    /** The attacker or compromised host (an address), or a description when there are many. */
    abstract String source();

    /** The victim or remote end (an address), or a description when there are many. */
    abstract String target();

    /** Emits the flows of the event at time t; returns the gap to the next event in ms (+Infinity when done). */
    abstract double event(double t, Emitter out);

    @Override
    final void step(Emitter out) {
        double next = clock + event(clock, out);
        clock = next < endMs ? next : Double.POSITIVE_INFINITY;
    }

    ScenarioPlan plan() {
        return new ScenarioPlan(kind, startMs, endMs, source(), target());
    }

    /** A flow of this attack, labelled with its kind's label and category. */
    final FlowRecord flow(double t, double durationMs, int protocol, String src, int srcPort, String dst, int dstPort,
                          String service) {
        return Flows.flow((long) t, Flows.us(durationMs), protocol, src, srcPort, dst, dstPort, service,
                kind.label(), kind.category());
    }

    final FlowRecord tcp(double t, double durationMs, String src, int srcPort, String dst, int dstPort, String service) {
        return flow(t, durationMs, Protocols.TCP, src, srcPort, dst, dstPort, service);
    }

    static String randomInternetHost(Rand rand) {
        return Ipv4.text(Ipv4.randomPublic(rand));
    }

    static int gcd(int a, int b) {
        while (b != 0) {
            int r = a % b;
            a = b;
            b = r;
        }
        return a;
    }
}
