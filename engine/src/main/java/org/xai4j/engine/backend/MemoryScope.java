package org.xai4j.engine.backend;

/**
 * A scope of a backend's memory ({@link Backend#memoryScope()}): device storage allocated inside it goes
 * back to the backend's pool when it closes, as {@code TensorMemory.recycling()} recycles host arrays.
 */
public interface MemoryScope extends AutoCloseable {
    @Override
    void close();
}
