package org.xai4j.engine.io;

/** Helpers that keep error messages on one readable line even when they quote bytes from a corrupt file. */
public final class Messages {
    private static final int MAX_QUOTE = 80;

    private Messages() {}

    /** Replaces line breaks and other control characters by '?', so a message stays one line. */
    public static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return b.toString();
    }

    /** A quoted, shortened, one-line excerpt of untrusted text: 'abc...' (at most 80 characters). */
    public static String quote(String s) {
        String cut = s.length() > MAX_QUOTE ? s.substring(0, MAX_QUOTE) + "..." : s;
        return "'" + oneLine(cut) + "'";
    }

    /** Bytes as hex pairs, e.g. "93 4e 55". */
    static String hex(byte[] bytes, int off, int len) {
        StringBuilder b = new StringBuilder();
        for (int i = off; i < off + len; i++) {
            if (i > off) b.append(' ');
            b.append(String.format("%02x", bytes[i] & 0xFF));
        }
        return b.toString();
    }
}
