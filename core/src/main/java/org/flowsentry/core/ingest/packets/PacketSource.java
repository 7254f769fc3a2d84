package org.flowsentry.core.ingest.packets;

import java.io.Closeable;
import java.io.IOException;

/**
 * Packets decoded from one input, in file order. Records that are not usable IP packets are
 * reported to the read's ReadErrors (malformed) or counted as skipped (not IP) by the source.
 */
interface PacketSource extends Closeable {

    /** The next IP packet, or null at the end of the input. */
    Packet next() throws IOException;

    /** Input records (pcap records, CSV rows) consumed so far, usable or not. */
    long recordsRead();

    /** Bytes of the input consumed so far. */
    long bytesRead();
}
