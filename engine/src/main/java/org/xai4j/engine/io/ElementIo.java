package org.xai4j.engine.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Moves array elements between a file and Java arrays through a bounded buffer (1 MiB), so reading a
 * large array costs the array itself plus that buffer, never a second full-size copy. Byte order is
 * handled by the buffer, which is how big-endian files get swapped.
 */
final class ElementIo {
    private static final int CHUNK_BYTES = 1 << 20; // a multiple of every element size

    private ElementIo() {}

    /** A new array of {@code count} elements of {@code dtype} read from {@code position} in {@code order}. */
    static Object read(FileChannel channel, long position, DType dtype, int count, ByteOrder order, String file)
            throws IOException {
        Object out = allocate(dtype, count);
        long totalBytes = (long) count * dtype.byteSize();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, Math.max(totalBytes, 1))).order(order);
        int done = 0; // elements read so far
        long pos = position;
        while (done < count) {
            int n = (int) Math.min(count - done, buffer.capacity() / dtype.byteSize());
            buffer.clear().limit(n * dtype.byteSize());
            while (buffer.hasRemaining()) {
                int r = channel.read(buffer, pos);
                // The caller checked the file length, so an early end means the file shrank while we read.
                if (r < 0) throw new EOFException(file + ": file ended at byte " + pos + " while reading array data");
                pos += r;
            }
            buffer.flip();
            decode(buffer, dtype, out, done, n);
            done += n;
        }
        return out;
    }

    /** Writes all elements of {@code array} to {@code channel} in little-endian order. */
    static void write(WritableByteChannel channel, HostArray array) throws IOException {
        DType dtype = array.dtype();
        Object data = array.rawData();
        int count = array.size();
        long totalBytes = (long) count * dtype.byteSize();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, Math.max(totalBytes, 1)))
                .order(ByteOrder.LITTLE_ENDIAN);
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, buffer.capacity() / dtype.byteSize());
            buffer.clear();
            encode(buffer, dtype, data, done, n);
            buffer.position(0).limit(n * dtype.byteSize());
            while (buffer.hasRemaining()) channel.write(buffer);
            done += n;
        }
    }

    /** Exactly {@code length} bytes from {@code position}, as a buffer ready to read. */
    static ByteBuffer readBytes(FileChannel channel, long position, int length, String file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw new EOFException(file + ": file ended at byte " + (position + b.position()));
            }
        }
        return b.flip();
    }

    /** Writes all of {@code bytes} to {@code channel}. */
    static void writeFully(WritableByteChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) channel.write(bytes);
    }

    private static Object allocate(DType dtype, int count) {
        switch (dtype) {
            case FLOAT32: return new float[count];
            case FLOAT64: return new double[count];
            case INT64: return new long[count];
            case INT32: return new int[count];
            case BOOL: return new boolean[count];
            case UINT8: return new byte[count];
            default: throw new AssertionError(dtype);
        }
    }

    private static void decode(ByteBuffer src, DType dtype, Object out, int at, int n) {
        switch (dtype) {
            case FLOAT32: src.asFloatBuffer().get((float[]) out, at, n); break;
            case FLOAT64: src.asDoubleBuffer().get((double[]) out, at, n); break;
            case INT64: src.asLongBuffer().get((long[]) out, at, n); break;
            case INT32: src.asIntBuffer().get((int[]) out, at, n); break;
            case UINT8: src.get((byte[]) out, at, n); break;
            case BOOL: {
                // NumPy treats any nonzero byte as True.
                boolean[] b = (boolean[]) out;
                for (int i = 0; i < n; i++) b[at + i] = src.get() != 0;
                break;
            }
            default: throw new AssertionError(dtype);
        }
    }

    private static void encode(ByteBuffer dst, DType dtype, Object data, int at, int n) {
        switch (dtype) {
            case FLOAT32: dst.asFloatBuffer().put((float[]) data, at, n); break;
            case FLOAT64: dst.asDoubleBuffer().put((double[]) data, at, n); break;
            case INT64: dst.asLongBuffer().put((long[]) data, at, n); break;
            case INT32: dst.asIntBuffer().put((int[]) data, at, n); break;
            case UINT8: dst.put((byte[]) data, at, n); break;
            case BOOL: {
                boolean[] b = (boolean[]) data;
                for (int i = 0; i < n; i++) dst.put(b[at + i] ? (byte) 1 : (byte) 0);
                break;
            }
            default: throw new AssertionError(dtype);
        }
    }
}
