package org.xai4j.engine.autodiff;

/** What a forward keeps for its backward (argmax indices, dropout masks, ...), beyond inputs and output. */
public final class Saved {
    private Object[] items = new Object[0];

    /** Replaces the saved values. */
    public void save(Object... values) {
        this.items = values;
    }

    Object[] items() {
        return items;
    }
}
