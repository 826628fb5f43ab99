package org.lifeboat.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Encrypts {@code args[0]} MiB of generated data and decrypts it back through a pipe, never holding more than a
 * buffer: {@link PackageEncryptionTest} runs it in a JVM with a small heap, so an implementation that buffers the
 * package would die of {@link OutOfMemoryError}. Prints the SHA-256 of what went in and of what came out.
 */
public final class PackageEncryptionMemoryCheck {

    private PackageEncryptionMemoryCheck() {}

    public static void main(String[] args) throws Exception {
        long mib = Long.parseLong(args[0]);
        char[] passphrase = "memory check".toCharArray();
        MessageDigest in = MessageDigest.getInstance("SHA-256");
        MessageDigest out = MessageDigest.getInstance("SHA-256");
        PipedInputStream sealedIn = new PipedInputStream(1 << 16);
        PipedOutputStream sealedOut = new PipedOutputStream(sealedIn);
        CompletableFuture<Void> encrypting = CompletableFuture.runAsync(() -> {
            try (sealedOut) {
                PackageEncryption.encrypt(generated(mib, in), "big.lifeboat.tar",
                        PackageRecipients.passphrase(passphrase), sealedOut);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        PackageEncryption.decrypt(sealedIn, "big.lifeboat.tar.gpg", PackageDecryptionKey.passphrase(passphrase),
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        out.update((byte) b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        out.update(b, off, len);
                    }
                });
        encrypting.join();
        Runtime rt = Runtime.getRuntime();
        System.out.println("in " + HexFormat.of().formatHex(in.digest()) + " out "
                + HexFormat.of().formatHex(out.digest()) + " maxHeap " + (rt.maxMemory() >> 20) + " MiB");
    }

    private static InputStream generated(long mib, MessageDigest digest) {
        byte[] block = new byte[1 << 20];
        new Random(mib).nextBytes(block);
        return new InputStream() {
            private long left = mib;
            private int position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = Math.min(len, block.length - position);
                System.arraycopy(block, position, b, off, n);
                digest.update(b, off, n);
                position += n;
                if (position == block.length) {
                    position = 0;
                    left--;
                    block[(int) (left % block.length)]++; // not the same MiB over and over
                }
                return n;
            }
        };
    }
}
