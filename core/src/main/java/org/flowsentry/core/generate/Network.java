package org.flowsentry.core.generate;

import java.util.Arrays;

/**
 * The simulated site: internal clients in 10.0.0.0/16, servers in 10.1.0.0/16 with their roles,
 * and the Internet hosts they talk to. Built once from the options; immutable afterwards, so one
 * instance serves every iterator. Addresses are kept as text so records share the strings.
 */
final class Network {
    /** What an internal server does; with fewer servers than roles, one server holds several. */
    enum Role { DNS1, DNS2, DC, FILE, MAIL, WEB, SSH, FTP, BACKUP, MONITOR }

    /** Share of clients that are developers (the only ones with SSH sessions). */
    static final double DEVELOPER_SHARE = 0.15;

    private final String[] clients;
    private final double[] clientCumulativeWeight;
    private final boolean[] developer;
    private final double developerActivityShare;
    private final String[] servers;
    private final String[] webSites;
    private final String[] updateServers;
    private final String[] videoServers;
    private final String[] cloudStorage;
    private final String[] ntpServers;
    private final String[] mailPeers;
    private final String[] dnsAuthorities;

    Network(GeneratorOptions options) {
        Rand rand = new Rand(options.seed(), Streams.NETWORK);
        int n = options.clientHosts();
        clients = new String[n];
        clientCumulativeWeight = new double[n];
        developer = new boolean[n];
        double total = 0;
        double developerTotal = 0;
        for (int i = 0; i < n; i++) {
            clients[i] = Ipv4.text(clientAddress(i));
            // Per-host activity: a few heavy users, many light ones.
            double weight = rand.logNormal(1, 1.0);
            developer[i] = rand.chance(DEVELOPER_SHARE);
            total += weight;
            if (developer[i]) developerTotal += weight;
            clientCumulativeWeight[i] = total;
        }
        for (int i = 0; i < n; i++) clientCumulativeWeight[i] /= total;
        developerActivityShare = developerTotal / total;

        servers = new String[options.servers()];
        for (int i = 0; i < servers.length; i++) {
            servers[i] = Ipv4.text(Ipv4.of(10, 1, i / 200, 10 + i % 200));
        }
        webSites = publicPool(rand, 4000);
        updateServers = publicPool(rand, 24);
        videoServers = publicPool(rand, 16);
        cloudStorage = publicPool(rand, 8);
        ntpServers = publicPool(rand, 4);
        mailPeers = publicPool(rand, 300);
        dnsAuthorities = publicPool(rand, 600);
    }

    /** Client i's address: 10.0.1.5 onwards, 250 hosts per /24 (.1 is the gateway). */
    static int clientAddress(int i) {
        return Ipv4.of(10, 0, 1 + i / 250, 5 + i % 250);
    }

    /** The client index of an address in 10.0.0.0/16, or -1 when no client has it. */
    int clientIndex(int address) {
        if ((address >>> 16) != ((10 << 8) | 0)) return -1;
        int c = (address >>> 8) & 0xFF;
        int d = address & 0xFF;
        if (c < 1 || d < 5 || d > 254) return -1;
        int i = (c - 1) * 250 + (d - 5);
        return i < clients.length ? i : -1;
    }

    private static String[] publicPool(Rand rand, int size) {
        String[] pool = new String[size];
        for (int i = 0; i < size; i++) pool[i] = Ipv4.text(Ipv4.randomPublic(rand));
        return pool;
    }

    int clientCount() {
        return clients.length;
    }

    String client(int i) {
        return clients[i];
    }

    boolean isDeveloper(int i) {
        return developer[i];
    }

    /** Share of all client activity that comes from developers. */
    double developerActivityShare() {
        return developerActivityShare;
    }

    /** A client chosen by activity: heavy users appear more often. */
    int activeClient(Rand rand) {
        int i = Arrays.binarySearch(clientCumulativeWeight, rand.uniform());
        return Math.min(i >= 0 ? i : -i - 1, clients.length - 1);
    }

    /** Any client with equal chance: machine traffic of computers left on. */
    int anyClient(Rand rand) {
        return rand.nextInt(clients.length);
    }

    int serverCount() {
        return servers.length;
    }

    String server(int i) {
        return servers[i];
    }

    int serverIndex(Role role) {
        return role.ordinal() % servers.length;
    }

    String server(Role role) {
        return servers[serverIndex(role)];
    }

    /** The two resolvers every host is configured with; the primary gets most queries. */
    String resolver(Rand rand) {
        return server(rand.chance(0.75) ? Role.DNS1 : Role.DNS2);
    }

    /** A web site with popularity skew: the first few (CDNs, big platforms) get most visits. */
    String webSite(Rand rand) {
        return skewed(webSites, rand);
    }

    String updateServer(Rand rand) {
        return skewed(updateServers, rand);
    }

    String videoServer(Rand rand) {
        return skewed(videoServers, rand);
    }

    String cloudStorage(Rand rand) {
        return skewed(cloudStorage, rand);
    }

    String ntpServer(Rand rand) {
        return ntpServers[rand.nextInt(ntpServers.length)];
    }

    String mailPeer(Rand rand) {
        return skewed(mailPeers, rand);
    }

    String dnsAuthority(Rand rand) {
        return skewed(dnsAuthorities, rand);
    }

    private static String skewed(String[] pool, Rand rand) {
        double u = rand.uniform();
        return pool[(int) (pool.length * u * u * u)];
    }
}
