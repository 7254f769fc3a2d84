package org.flowsentry.core.generate;

import org.flowsentry.core.flow.Protocols;
import org.flowsentry.schema.FlowRecord;

/**
 * Every night from 01:00 each server pushes its backup to the backup server (rsync, TCP 873),
 * one after another: gigabytes forward, ACKs and checksums backward.
 */
final class NightlyBackups extends BenignSource {
    private static final long START_OF_WINDOW_MS = DailyRhythm.HOUR_MS;
    private final long spacingMs;
    private final String backupServer;
    private long day;
    private int server;

    NightlyBackups(Network net, Rand rand, long startMs, long endMs) {
        super(net, rand, startMs, endMs);
        backupServer = net.server(Network.Role.BACKUP);
        // Up to 4 minutes apart, and all within 4 hours however many servers there are.
        spacingMs = Math.max(1_000, Math.min(4 * 60_000L, 4 * DailyRhythm.HOUR_MS / net.serverCount()));
        day = Math.floorDiv(startMs, DailyRhythm.DAY_MS);
        server = -1;
        if (net.serverCount() == 1) {
            clock = Double.POSITIVE_INFINITY; // the only server is the backup server
        } else {
            scheduleNext(startMs);
        }
    }

    private void scheduleNext(double notBefore) {
        while (true) {
            server++;
            if (server >= net.serverCount()) {
                server = 0;
                day++;
            }
            if (net.server(server).equals(backupServer)) continue;
            double t = day * DailyRhythm.DAY_MS + START_OF_WINDOW_MS + server * spacingMs + rand.uniform(0, spacingMs / 2.0);
            if (t < notBefore) continue; // the run started after this one's slot
            clock = t < endMs ? t : Double.POSITIVE_INFINITY;
            return;
        }
    }

    @Override
    void step(Emitter out) {
        double t = clock;
        double size = rand.logNormal(1.5e9, 1.0, 5e7, 5e10);
        double bitsPerMs = rand.logNormal(500e3, 0.3, 5e4, 5e6);
        FlowRecord r = benign(t, 500 + size * 8 / bitsPerMs, Protocols.TCP, net.server(server), rand.linuxPort(),
                backupServer, 873, "rsync");
        Flows.tcpBulk(r, (long) size, (long) (size / 500) + 10_000, Flows.Close.FIN);
        out.emit(r);
        scheduleNext(t);
    }
}
