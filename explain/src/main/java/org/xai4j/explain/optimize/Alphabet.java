package org.xai4j.explain.optimize;

/**
 * The letters of a discrete sequence (ACGT for DNA) and its one-hot encoding: letter a at position i is
 * the value 1 at (a, i) of an (|alphabet|, L) block when channels come first, at (i, a) when last.
 *
 * @param letters distinct characters, at least two
 */
public record Alphabet(String letters) {
    public Alphabet {
        if (letters.length() < 2) throw new IllegalArgumentException("an alphabet needs at least 2 letters, got '" + letters + "'");
        if (letters.chars().distinct().count() != letters.length()) {
            throw new IllegalArgumentException("the alphabet '" + letters + "' repeats a letter");
        }
    }

    public int size() {
        return letters.length();
    }

    /** One-hot values of the sequence (letter indices) in the given layout. */
    public float[] oneHot(int[] sequence, boolean channelsFirst) {
        float[] x = new float[size() * sequence.length];
        encode(sequence, channelsFirst, x, 0);
        return x;
    }

    /**
     * Writes the one-hot block of {@code sequence} at {@code offset}.
     *
     * @param dest Modified: entries [offset, offset + size·L) are overwritten.
     */
    public void encode(int[] sequence, boolean channelsFirst, float[] dest, int offset) {
        int l = sequence.length, a = size();
        java.util.Arrays.fill(dest, offset, offset + a * l, 0f);
        for (int i = 0; i < l; i++) dest[offset + (channelsFirst ? sequence[i] * l + i : i * a + sequence[i])] = 1f;
    }

    /** The letter indices of a one-hot (or any score) block: the argmax per position (first on ties). */
    public int[] decode(float[] values, int length, boolean channelsFirst) {
        int a = size();
        if (values.length != a * length) throw new IllegalArgumentException("expected " + a * length + " values, got " + values.length);
        int[] s = new int[length];
        for (int i = 0; i < length; i++) {
            int best = 0;
            for (int c = 1; c < a; c++) if (at(values, c, i, length, channelsFirst) > at(values, best, i, length, channelsFirst)) best = c;
            s[i] = best;
        }
        return s;
    }

    private float at(float[] v, int c, int i, int length, boolean channelsFirst) {
        return v[channelsFirst ? c * length + i : i * size() + c];
    }

    /** The letters of a sequence of indices. */
    public String text(int[] sequence) {
        StringBuilder b = new StringBuilder(sequence.length);
        for (int s : sequence) b.append(letters.charAt(s));
        return b.toString();
    }

    /** The indices of a string of this alphabet's letters (case-insensitive when the alphabet has one case). */
    public int[] parse(String text) {
        int[] s = new int[text.length()];
        for (int i = 0; i < s.length; i++) {
            int k = letters.indexOf(text.charAt(i));
            if (k < 0) k = letters.indexOf(Character.toUpperCase(text.charAt(i)));
            if (k < 0) throw new IllegalArgumentException("'" + text.charAt(i) + "' at position " + i + " is not in the alphabet " + letters);
            s[i] = k;
        }
        return s;
    }
}
