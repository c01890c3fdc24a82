package org.xai4j.explain.render;

import java.util.List;

/** Figures side by side in rows of {@code columns}, each under its title (one image per row, or a method comparison). */
public record GridFigure(List<String> titles, List<Figure> cells, int columns) implements Figure {
    static final int TITLE = 20, GAP = 10;

    public GridFigure {
        if (titles.size() != cells.size()) throw new IllegalArgumentException("one title per cell");
        if (cells.isEmpty() || columns < 1) throw new IllegalArgumentException("a grid needs a cell and a column");
    }

    private int cellWidth() {
        // wide enough for the longest title too (12 px sans-serif: under 7 px a character)
        int titles = titles().stream().mapToInt(t -> (int) Math.ceil(t.length() * 6.8)).max().orElse(0);
        return Math.max(titles, cells.stream().mapToInt(Figure::width).max().orElse(0));
    }

    private int cellHeight() {
        return cells.stream().mapToInt(Figure::height).max().orElse(0) + TITLE;
    }

    private int rows() {
        return (cells.size() + columns - 1) / columns;
    }

    @Override
    public int width() {
        int c = Math.min(columns, cells.size());
        return c * cellWidth() + (c + 1) * GAP;
    }

    @Override
    public int height() {
        return rows() * cellHeight() + (rows() + 1) * GAP;
    }

    /** The top-left corner of cell {@code i}'s figure (below its title). */
    public int[] origin(int i) {
        return new int[] {GAP + (i % columns) * (cellWidth() + GAP), GAP + (i / columns) * (cellHeight() + GAP) + TITLE};
    }

    @Override
    public void draw(Canvas canvas) {
        for (int i = 0; i < cells.size(); i++) {
            int[] o = origin(i);
            canvas.text(o[0], o[1] - 6, titles.get(i), 12, Canvas.Anchor.START, Colors.TEXT);
            Figure f = cells.get(i);
            drawAt(canvas, f, o[0], o[1]);
        }
    }

    static void drawAt(Canvas canvas, Figure f, double dx, double dy) {
        f.draw(new Translated(canvas, dx, dy));
    }
}
