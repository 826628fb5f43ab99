package org.lifeboat.archive;

import static org.lifeboat.archive.EntryNameRules.clip;
import static org.lifeboat.archive.EntryNameRules.shown;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.lifeboat.archive.InvalidPackageException.Reason;

/**
 * Reads an uploaded package as a tar, once from start to end: every header within a byte budget, every entry's
 * content hashed as it is read and reported as truncated when the file ends inside it, the file refused past its
 * size limit, and after the last entry nothing but the end marker and zero padding. The tar framing concern of
 * {@link UploadInspector}.
 */
final class TarFraming {

    private final Path file;

    /** Bytes the headers of one entry (long names, PAX records) may take; far more than any real name needs. */
    static final int HEADER_BUDGET = 256 << 10;
    static final int RECORD = 512;
    static final int END_MARKER = 2 * RECORD;

    private final Cursor cursor;
    private final TarArchiveInputStream tar;

    private int entries;
    private long lastDataEnd;
    private String lastEntry;

    TarFraming(Path file, InputStream raw, long maxFileBytes) throws IOException {
        this.file = file;
        this.cursor = new Cursor(new BufferedInputStream(raw, 1 << 16), maxFileBytes);
        this.tar = new TarArchiveInputStream(cursor, StandardCharsets.UTF_8.name());
    }

    /** Entries whose headers were read so far. */
    int entries() {
        return entries;
    }

    /** The last entry read to its end, or null. */
    String lastEntry() {
        return lastEntry;
    }

    /** The content of the entry whose header {@link #nextEntry} returned last, hashed as it is read. */
    EntryContent content(String name) {
        return new EntryContent(name);
    }

    /**
     * After the last entry a tar holds its end marker (two zero records) and possibly zero padding. Anything else
     * means the file was cut short or carries data the tar reader never showed.
     */
    void checkEndOfArchive() throws IOException {
        long end = lastDataEnd;
        try (SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS))) {
            long length = channel.size();
            channel.position(end);
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            long position = end;
            long nonZero = -1;
            for (int n; nonZero < 0 && (n = channel.read(buffer.clear())) > 0; position += n) {
                for (int i = 0; i < n; i++) {
                    if (buffer.get(i) != 0) {
                        nonZero = position + i;
                        break;
                    }
                }
            }
            if (nonZero >= 0 ? nonZero < end + END_MARKER : length - end < END_MARKER) {
                throw new InvalidPackageException(Reason.TRUNCATED, shown(lastEntry), "the archive is cut short "
                        + after() + ": " + (nonZero >= 0 ? "a partial tar header follows it" : "its end-of-archive"
                        + " marker is missing"));
            }
            if (nonZero >= 0) {
                throw new InvalidPackageException(Reason.TRAILING_DATA, null, "the file goes on after the end of the"
                        + " tar archive (" + after() + "; non-zero bytes at offset " + nonZero + "): a package is"
                        + " its tar archive and nothing else");
            }
        }
    }

    /**
     * The next entry's header, allowing the tar reader to skip {@code unread} bytes of the current entry plus
     * padding and {@link #HEADER_BUDGET} bytes of headers, so a hostile long name or PAX record cannot make it read
     * (and hold) more.
     */
    TarArchiveEntry nextEntry(long unread) throws IOException {
        long allowance = Math.min(unread, Long.MAX_VALUE / 2) + RECORD + HEADER_BUDGET;
        cursor.allowUpTo(cursor.position() + allowance, () -> new InvalidPackageException(Reason.CORRUPT_HEADER,
                null, "the tar headers " + after() + " take more than " + (HEADER_BUDGET >> 10) + " KiB"
                + " (an oversized long name or PAX record)"));
        TarArchiveEntry entry;
        try {
            entry = tar.getNextEntry();
        } catch (IOException | RuntimeException e) {
            InvalidPackageException refused = refusal(e);
            if (refused != null) {
                throw refused;
            }
            if (entries == 0) {
                throw new InvalidPackageException(Reason.NOT_A_TAR, null, "the file is not a tar archive: its first"
                        + " header cannot be read (" + clip(String.valueOf(e.getMessage())) + ")", e);
            }
            if (cursor.atEnd) {
                throw new InvalidPackageException(Reason.TRUNCATED, shown(lastEntry), "the file ends inside the"
                        + " tar header " + after() + ": it was cut short", e);
            }
            throw new InvalidPackageException(Reason.CORRUPT_HEADER, shown(lastEntry), "the tar header " + after()
                    + " is damaged (" + clip(String.valueOf(e.getMessage())) + ")", e);
        } finally {
            cursor.allowUpTo(Long.MAX_VALUE, null);
        }
        if (entry != null && !entry.isCheckSumOK()) {
            if (entries == 0) {
                throw new InvalidPackageException(Reason.NOT_A_TAR, null,
                        "the file is not a tar archive: its first header has a wrong checksum");
            }
            throw new InvalidPackageException(Reason.CORRUPT_HEADER, shown(entry.getName()), "the tar header of "
                    + shown(entry.getName()) + " " + after() + " has a wrong checksum: it is damaged");
        }
        if (entry != null) {
            entries++;
        }
        return entry;
    }

    /** The current entry was read to its end: its padding, if any, ends at the next record boundary. */
    void finished(String name) {
        lastDataEnd = (cursor.position() + RECORD - 1) / RECORD * RECORD;
        lastEntry = name;
    }

    String after() {
        return lastEntry == null ? "at the start of the file" : "after entry " + shown(lastEntry);
    }

    /** The refusal that travelled up through a parser, possibly wrapped. */
    static InvalidPackageException refusal(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof InvalidPackageException refused) {
                return refused;
            }
        }
        return null;
    }

    static void requireRegular(TarArchiveEntry entry, String name) throws InvalidPackageException {
        String what;
        Reason reason = Reason.SPECIAL_ENTRY;
        if (entry.isSymbolicLink() || entry.isLink()) {
            reason = Reason.LINK_ENTRY;
            what = (entry.isLink() ? "a hard link" : "a symbolic link") + " to " + shown(entry.getLinkName());
        } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            what = "a device";
        } else if (entry.isFIFO()) {
            what = "a FIFO (named pipe)";
        } else if (entry.isDirectory()) {
            what = "a folder";
        } else if (entry.isSparse()) {
            what = "a sparse file";
        } else if (entry.getLinkFlag() != TarArchiveEntry.LF_NORMAL
                && entry.getLinkFlag() != TarArchiveEntry.LF_OLDNORM) {
            what = "of tar type '" + shown(String.valueOf((char) entry.getLinkFlag())) + "'";
        } else {
            return;
        }
        throw new InvalidPackageException(reason, shown(name), "entry " + shown(name) + " is " + what
                + "; packages hold regular files and only the storage links their manifest lists");
    }

    /**
     * The package file as the tar reader sees it: counts bytes, notices the end of the file, refuses to read past
     * {@code maxFileBytes} (the file grew) or past the current allowance (headers too long). No mark/reset, so
     * every byte is read once.
     */
    private static final class Cursor extends BlockInputStream {

        private final InputStream in;
        private final long maxFileBytes;
        private long position;
        private long allowedEnd = Long.MAX_VALUE;
        private Supplier<InvalidPackageException> overrun;
        private boolean atEnd;

        Cursor(InputStream in, long maxFileBytes) {
            this.in = in;
            this.maxFileBytes = maxFileBytes;
        }

        long position() {
            return position;
        }

        void allowUpTo(long end, Supplier<InvalidPackageException> overrun) {
            this.allowedEnd = end < 0 ? Long.MAX_VALUE : end;
            this.overrun = overrun;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            long room = Math.min(allowedEnd, maxFileBytes) - position;
            if (room <= 0) {
                // at a limit: fine if the file ends here, refused if it goes on
                if (in.read() < 0) {
                    atEnd = true;
                    return -1;
                }
                if (position >= maxFileBytes) {
                    throw new InvalidPackageException(Reason.TOO_LARGE, null, "the package grew past "
                            + maxFileBytes + " bytes while it was inspected");
                }
                throw overrun.get();
            }
            int n = in.read(buffer, offset, (int) Math.min(length, room));
            if (n < 0) {
                atEnd = true;
            } else {
                position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] scratch = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /**
     * The content of the current tar entry: hashed as it is read, reported as truncated if the file ends inside
     * it. Closing it does nothing (parsers close what they read; the tar stream must stay open).
     */
    final class EntryContent extends BlockInputStream {

        private final String name;
        private final MessageDigest sha = PackageSealer.sha256();
        private long read;
        private boolean failed;

        EntryContent(String name) {
            this.name = name;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = tar.read(buffer, offset, length);
            } catch (IOException | RuntimeException e) {
                failed = true;
                InvalidPackageException refused = refusal(e);
                if (refused != null) {
                    throw refused;
                }
                if (cursor.atEnd) {
                    throw new InvalidPackageException(Reason.TRUNCATED, shown(name), "entry " + shown(name)
                            + " is cut short: the file ends after " + read + " of its bytes", e);
                }
                if (e instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) e;
            }
            if (n > 0) {
                sha.update(buffer, offset, n);
                read += n;
            }
            return n;
        }

        /** Whether reading the entry failed (the tar itself is damaged or cut short). */
        boolean failed() {
            return failed;
        }

        /** The SHA-256 of the bytes read so far, in lower-case hex. */
        String sha256() {
            return HexFormat.of().formatHex(sha.digest());
        }

        void drain() throws IOException {
            byte[] buffer = new byte[1 << 16];
            while (read(buffer, 0, buffer.length) >= 0) {
                // hashing is all that is left to do
            }
        }

        @Override
        public void close() {
            // the tar stream stays open for the next entry
        }
    }
}
