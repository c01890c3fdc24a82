package org.xai4j.explain.perturbation;

import java.util.Arrays;

/**
 * The features of each input row after a {@link FeatureMask} is applied: row r has {@link #count(int)}
 * groups, numbered 0.. in increasing order of their labels, each a list of flat element indices within
 * the row. Without a mask every element is its own group (Captum's default). Rows that share a mask
 * share one layout, so memory is O(row size) unless the mask gives each row its own groups.
 */
public final class FeatureGroups {
    /** One row's grouping: elements listed group by group. */
    private record Layout(int count, int[] groupOf, int[] start, int[] members, int[] labels) {}

    private final Layout[] layoutOfRow;

    private FeatureGroups(Layout[] layoutOfRow) {
        this.layoutOfRow = layoutOfRow;
    }

    /** Groups for an input of {@code inputShape} (N, ...); mask may be null (one group per element). */
    public static FeatureGroups of(FeatureMask mask, int[] inputShape) {
        int rows = inputShape[0];
        int rowSize = 1;
        for (int a = 1; a < inputShape.length; a++) rowSize *= inputShape[a];
        Layout[] layouts = new Layout[rows];
        if (mask == null) {
            int[] identity = new int[rowSize];
            int[] start = new int[rowSize + 1];
            for (int i = 0; i < rowSize; i++) identity[i] = i;
            for (int i = 0; i <= rowSize; i++) start[i] = i;
            Arrays.fill(layouts, new Layout(rowSize, identity, start, identity, identity));
            return new FeatureGroups(layouts);
        }
        int[] labels = mask.resolve(inputShape);
        boolean shared = mask.sameForEveryRow(inputShape);
        for (int r = 0; r < rows; r++) {
            layouts[r] = shared && r > 0 ? layouts[0] : layout(Arrays.copyOfRange(labels, r * rowSize, (r + 1) * rowSize));
        }
        return new FeatureGroups(layouts);
    }

    private static Layout layout(int[] labels) {
        int[] distinct = Arrays.stream(labels).distinct().sorted().toArray();
        int count = distinct.length;
        int[] groupOf = new int[labels.length];
        int[] start = new int[count + 1];
        for (int i = 0; i < labels.length; i++) {
            groupOf[i] = Arrays.binarySearch(distinct, labels[i]);
            start[groupOf[i] + 1]++;
        }
        for (int g = 0; g < count; g++) start[g + 1] += start[g];
        int[] next = Arrays.copyOf(start, count);
        int[] members = new int[labels.length];
        for (int i = 0; i < labels.length; i++) members[next[groupOf[i]]++] = i;
        return new Layout(count, groupOf, start, members, distinct);
    }

    public int rows() {
        return layoutOfRow.length;
    }

    /** Number of groups of row r. */
    public int count(int row) {
        return layoutOfRow[row].count;
    }

    /** The largest group count over all rows. */
    public int maxCount() {
        int m = 0;
        for (Layout l : layoutOfRow) m = Math.max(m, l.count);
        return m;
    }

    /** The group of each element of row r (shared; do not modify). */
    public int[] groupOf(int row) {
        return layoutOfRow[row].groupOf;
    }

    /** The mask label of group g of row r (the element index without a mask). */
    public int label(int row, int group) {
        return layoutOfRow[row].labels[group];
    }

    /** Number of elements in group g of row r. */
    public int size(int row, int group) {
        Layout l = layoutOfRow[row];
        return l.start[group + 1] - l.start[group];
    }

    /** The i-th element (flat index within the row) of group g of row r. */
    public int member(int row, int group, int i) {
        Layout l = layoutOfRow[row];
        return l.members[l.start[group] + i];
    }

    /** dest[offset + e] = source[sourceOffset + e] for every element e of group g of row r. */
    public void copyGroup(int row, int group, float[] source, int sourceOffset, float[] dest, int offset) {
        Layout l = layoutOfRow[row];
        for (int k = l.start[group]; k < l.start[group + 1]; k++) {
            int e = l.members[k];
            dest[offset + e] = source[sourceOffset + e];
        }
    }

    /** Offsets of each row's first group in a row-major enumeration of (row, group): length rows + 1. */
    public long[] offsets() {
        long[] off = new long[rows() + 1];
        for (int r = 0; r < rows(); r++) off[r + 1] = off[r] + count(r);
        return off;
    }

    /** The row whose range [offsets[r], offsets[r+1]) holds index, for offsets from {@link #offsets()}-like arrays. */
    public static int rowOf(long[] offsets, long index) {
        int r = Arrays.binarySearch(offsets, index);
        if (r >= 0) {
            // index starts row r; skip rows with no entries (equal offsets)
            while (r + 1 < offsets.length - 1 && offsets[r + 1] == index) r++;
            return r;
        }
        return -r - 2;
    }
}
