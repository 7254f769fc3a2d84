package org.flowsentry.core.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accounts for malformed rows of one read: every one is counted, the first few are kept with
 * source, line and reason, and the read is aborted once the count passes the limit.
 */
public final class ReadErrors {
    /** One malformed row: where it was and why it was refused. */
    public record Malformed(String source, long line, String reason) {
        @Override
        public String toString() {
            return source + ":" + line + ": " + reason;
        }
    }

    public static final int DEFAULT_EXAMPLES = 5;
    public static final long UNLIMITED = Long.MAX_VALUE;

    private final long maxErrors;
    private final int examplesKept;
    private final List<Malformed> examples = new ArrayList<>();
    private final Map<String, Long> skipped = new TreeMap<>();
    private final Set<String> notes = new LinkedHashSet<>();
    private long count;

    /**
     * @param maxErrors abort (with {@link TooManyErrorsException}) when more rows than this are malformed
     * @param examplesKept how many malformed rows to keep for the report
     */
    public ReadErrors(long maxErrors, int examplesKept) {
        if (maxErrors < 0) throw new IllegalArgumentException("maxErrors must be >= 0: " + maxErrors);
        if (examplesKept < 0) throw new IllegalArgumentException("examplesKept must be >= 0: " + examplesKept);
        this.maxErrors = maxErrors;
        this.examplesKept = examplesKept;
    }

    /** Counts every malformed row and never aborts. */
    public static ReadErrors unlimited() {
        return new ReadErrors(UNLIMITED, DEFAULT_EXAMPLES);
    }

    public void report(String source, long line, String reason) {
        count++;
        if (examples.size() < examplesKept) examples.add(new Malformed(source, line, reason));
        if (count > maxErrors) {
            throw new TooManyErrorsException("more than " + maxErrors + " malformed rows, stopped at "
                    + source + ":" + line + ": " + reason);
        }
    }

    /**
     * Counts a well-formed input record that is deliberately not a flow (an exporter's
     * start/stop marker, a pcap packet that is not IP), so that nothing disappears unaccounted.
     */
    public void skipped(String what) {
        skipped.merge(what, 1L, Long::sum);
    }

    /** Non-flow records passed over, by kind. */
    public Map<String, Long> skippedByKind() {
        return Collections.unmodifiableMap(skipped);
    }

    /**
     * Records a fact about the input that the user should know but that is not a row error,
     * e.g. "Source IP holds integer codes, not addresses: srcAddr left empty". Kept once each.
     */
    public void note(String note) {
        if (notes.size() < 20) notes.add(note);
    }

    public Set<String> notes() {
        return Collections.unmodifiableSet(notes);
    }

    public long count() {
        return count;
    }

    public List<Malformed> examples() {
        return Collections.unmodifiableList(examples);
    }
}
