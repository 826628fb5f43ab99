package org.lifeboat.archive;

import java.util.Arrays;

/**
 * A growable byte buffer without the per-byte locking of {@code ByteArrayOutputStream}: encoding rows byte by
 * byte into that stream cost more CPU than compressing them (measured, docs/COMPRESSION-MEASUREMENTS.md).
 */
public final class ByteSink {

    private byte[] bytes;
    private int size;

    public ByteSink(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    public void write(int b) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[size++] = (byte) b;
    }

    public void write(byte[] b, int off, int len) {
        if (size + len > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + len));
        }
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    public void reset() {
        size = 0;
    }

    public int size() {
        return size;
    }

    /** The internal array; valid up to {@link #size()}. */
    public byte[] array() {
        return bytes;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, size, java.nio.charset.StandardCharsets.UTF_8);
    }
}
