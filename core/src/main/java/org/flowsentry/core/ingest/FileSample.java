package org.flowsentry.core.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The beginning of an input, for format detection: the first bytes as they are, and the first
 * lines decoded as UTF-8 with a byte-order mark removed.
 */
public final class FileSample {
    public static final int SAMPLE_BYTES = 64 * 1024;
    private static final int MAX_LINES = 20;

    private final String name;
    private final byte[] head;
    private final List<String> lines;

    public FileSample(String name, byte[] head) {
        this.name = name;
        this.head = head;
        this.lines = splitLines(head);
    }

    /** File name (or topic) the sample came from; formats use it only as a hint. */
    public String name() {
        return name;
    }

    public byte[] head() {
        return head;
    }

    /** Up to 20 complete lines (a last partial line is dropped unless it is the whole sample). */
    public List<String> lines() {
        return lines;
    }

    /** The first non-blank line, or "" when there is none. */
    public String firstLine() {
        for (String l : lines) {
            if (!l.isBlank()) return l;
        }
        return "";
    }

    public boolean startsWith(byte[] magic) {
        if (head.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) return false;
        }
        return true;
    }

    private static List<String> splitLines(byte[] head) {
        int start = 0;
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        String text = new String(head, start, head.length - start, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        int pos = 0;
        while (out.size() < MAX_LINES) {
            int nl = text.indexOf('\n', pos);
            if (nl < 0) {
                if (head.length < SAMPLE_BYTES && pos < text.length()) out.add(stripCr(text.substring(pos)));
                break;
            }
            out.add(stripCr(text.substring(pos, nl)));
            pos = nl + 1;
        }
        return out;
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
