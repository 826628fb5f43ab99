package org.lifeboat.archive;

import java.io.IOException;
import java.io.InputStream;

/** A stream whose single-byte {@code read()} goes through its block read, so a subclass checks bytes in one place. */
abstract class BlockInputStream extends InputStream {

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public abstract int read(byte[] buffer, int offset, int length) throws IOException;
}
