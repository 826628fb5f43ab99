package org.lifeboat.archive;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSessionKey;
import org.bouncycastle.openpgp.operator.PGPKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.SessionKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBEDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.bc.BcSessionKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JceSessionKeyDataDecryptorFactoryBuilder;
import org.lifeboat.archive.OpenPgpMessages.Fault;
import org.lifeboat.archive.OpenPgpMessages.MessageFault;
import org.lifeboat.archive.PackageDecryptionKey.Passphrase;
import org.lifeboat.archive.PackageDecryptionKey.PrivateKeys;
import org.lifeboat.archive.PackageEncryptionException.Reason;

/**
 * Encrypts a whole package file as one OpenPGP message, so {@code gpg -d package.lifeboat.tar.gpg | tar t} opens
 * it with standard tools, decrypts it back to a stream, and re-wraps it for a new set of recipients without
 * touching the encrypted data.
 *
 * <p>What {@link #encrypt} writes, one binary OpenPGP message (RFC 4880), the same as {@link SecretEnvelope}'s
 * apart from the key packets ({@link OpenPgpMessages}): a random AES-256 session key, wrapped once per recipient
 * in a public-key encrypted session key packet (PKESK v3, RSA or ECDH/X25519 as the key is) and, for a
 * passphrase, in a symmetric-key packet (SKESK v4, iterated+salted SHA-256 S2K, count 65011712; Argon2 is not
 * used because gpg 2.2 cannot read it); then the data in one SEIPD v1 packet with MDC, streamed through a 64 KiB
 * buffer (partial-length packets), uncompressed (the tar's table entries are zstd already).
 *
 * <p><b>Verification happens at the end.</b> The MDC can only be checked after the last byte, so {@link #decrypt}
 * streams plaintext as it decrypts and throws {@link PackageEncryptionException} ({@code MODIFIED}) if the check
 * fails. A caller trusts the output only once {@code decrypt} returned normally; a restore reading from it applies
 * everything in one transaction that an exception rolls back, so nothing of a tampered package is restored.
 *
 * <p>Key packets go through Bouncy Castle's lightweight API, the bulk data through the JDK's own AES and SHA-1
 * (AES-NI, SHA-NI: 3 to 4 times Bouncy Castle's Java AES on 200 MB); neither needs a JCE provider registered. No
 * method closes the streams it is given.
 */
public final class PackageEncryption {

    /** What {@link #encrypt} measured on the way through: the sidecar's sizes and checksums. */
    public record Encrypted(long clearBytes, String clearSha256, long encryptedBytes, String encryptedSha256,
            List<String> recipientKeyIds, boolean passphrase) {}

    private static final int TAG_PKESK = 1;
    private static final int TAG_SKESK = 3;
    private static final int TAG_SED = 9;
    private static final int TAG_MARKER = 10;
    private static final int TAG_SEIPD = 18;
    private static final int TAG_AEAD = 20;
    private static final int TAG_PADDING = 21;

    private PackageEncryption() {}

    /**
     * Encrypts {@code plain} for {@code to} into {@code out}. {@code fileName} is recorded inside the encrypted part
     * ({@code gpg --use-embedded-filename} would use it).
     */
    public static Encrypted encrypt(InputStream plain, String fileName, PackageRecipients to, OutputStream out)
            throws IOException {
        OpenPgpMessages.requireLiteralName(fileName);
        if (to.keys().isEmpty() && !to.hasPassphrase()) {
            throw new PackageEncryptionException(fileName, Reason.NO_RECIPIENT);
        }
        PGPEncryptedDataGenerator encryption = new PGPEncryptedDataGenerator(
                new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true)
                        .setSecureRandom(OpenPgpMessages.RANDOM));
        // always a random session key, even for a passphrase alone: it is what rewrap() wraps again
        encryption.setForceSessionKey(true);
        for (PGPKeyEncryptionMethodGenerator method : methods(to)) {
            encryption.addMethod(method);
        }
        Digesting clear = new Digesting(plain);
        Digested sealed = new Digested(out);
        try {
            OpenPgpMessages.write(encryption, clear, fileName, sealed);
        } catch (PGPException e) {
            throw new IOException("could not encrypt " + fileName + ": " + e.getMessage(), e);
        }
        return new Encrypted(clear.count, clear.hex(), sealed.count, sealed.hex(), to.keyIds(), to.hasPassphrase());
    }

    /**
     * Encrypts the package file {@code clearPackage} into {@code encryptedPackage}: written as
     * {@code <name>.partial}, forced to disk and renamed, so a file with the final name is always complete. The
     * clear file is left for the caller to delete.
     */
    public static Encrypted encrypt(Path clearPackage, PackageRecipients to, Path encryptedPackage)
            throws IOException {
        Path partial = encryptedPackage.resolveSibling(encryptedPackage.getFileName() + ".partial");
        Encrypted result;
        try (InputStream in = Files.newInputStream(clearPackage);
                FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel),
                        OpenPgpMessages.PACKET_BUFFER)) {
            result = encrypt(in, clearPackage.getFileName().toString(), to, out);
            out.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, encryptedPackage, StandardCopyOption.ATOMIC_MOVE);
        return result;
    }

    /** Decrypts the package file into {@code plain}, naming it by its file name in errors. */
    public static void decrypt(Path sealed, PackageDecryptionKey key, OutputStream plain) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(sealed), OpenPgpMessages.PACKET_BUFFER)) {
            decrypt(in, sealed.getFileName().toString(), key, plain);
        }
    }

    /**
     * Decrypts a package encrypted by {@link #encrypt} or by {@code gpg --encrypt}/{@code --symmetric} into
     * {@code plain}, then checks its integrity. Only a normal return means the bytes written are the original.
     *
     * @param packageName named in every error
     * @param key null when none was given: then the error says the package needs one and whom it is for
     * @throws PackageEncryptionException for a missing or wrong key, a package not for this key, a message
     *     without integrity protection, a modified or truncated one
     */
    public static void decrypt(InputStream sealed, String packageName, PackageDecryptionKey key, OutputStream plain)
            throws IOException {
        Unlocked unlocked = unlock(sealed, packageName, key);
        InputStream clear = dataStream(unlocked, packageName);
        try {
            OpenPgpMessages.copyVerified(unlocked.data, clear, plain);
        } catch (MessageFault e) {
            throw new PackageEncryptionException(packageName,
                    e.fault == Fault.TRUNCATED ? Reason.TRUNCATED : Reason.MODIFIED, null, e.getCause());
        }
    }

    /**
     * Checks an encrypted package against its sidecar: the encrypted file's size and SHA-256 always (no key needed,
     * so an off-site copy can be checked where the key is not), and with a key also that it decrypts, passes its
     * integrity check and gives back the clear package's size and SHA-256. Nothing is written anywhere.
     *
     * @param key null to check the encrypted file only
     */
    public static void verify(Path sealed, PackageSidecar sidecar, PackageDecryptionKey key) throws IOException {
        String name = sealed.getFileName().toString();
        Digesting encrypted = new Digesting(new BufferedInputStream(Files.newInputStream(sealed),
                OpenPgpMessages.PACKET_BUFFER));
        try (encrypted) {
            if (key == null) {
                encrypted.transferTo(OutputStream.nullOutputStream());
            } else {
                Digested clear = new Digested(OutputStream.nullOutputStream());
                decrypt(encrypted, name, key, clear);
                // the MDC check may stop short of the last byte of the file; hash what is left
                encrypted.transferTo(OutputStream.nullOutputStream());
                requireSame(name, "clear package", sidecar.clear(), clear.count, clear.hex());
            }
            requireSame(name, "encrypted file", sidecar.encrypted(), encrypted.count, encrypted.hex());
        }
    }

    private static void requireSame(String name, String what, PackageSidecar.Checksum expected, long bytes,
            String sha256) throws PackageEncryptionException {
        if (expected == null || expected.bytes() != bytes || !expected.sha256().equals(sha256)) {
            throw new PackageEncryptionException(name, Reason.SIDECAR_MISMATCH, "the " + what + " has " + bytes
                    + " bytes, SHA-256 " + sha256 + "; the sidecar says " + (expected == null ? "nothing"
                            : expected.bytes() + " bytes, SHA-256 " + expected.sha256()), null);
        }
    }

    /** The key ids a package is encrypted for (not the passphrase), read from its key packets, without a key. */
    public static List<String> recipientKeyIds(InputStream sealed, String packageName) throws IOException {
        return recipients(list(sealed, packageName)).keyIds;
    }

    public static List<String> recipientKeyIds(Path sealed) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(sealed))) {
            return recipients(list(in, sealed.getFileName().toString())).keyIds;
        }
    }

    /**
     * Key rotation without re-encrypting: writes to {@code rewrapped} the same message with new key packets for
     * {@code next}, wrapping the same session key, followed by the encrypted data packet of {@code sealed} copied
     * byte for byte. Who held a removed key and kept a copy of the old file can still open that copy, and anyone who
     * ever learned the session key can open the new one: rewrap changes who can open the file from now on, it
     * does not make old secrets new. Written as {@code .partial}, forced and renamed like {@link #encrypt}.
     *
     * <p>The data is not decrypted, so a rewrap does not check the MDC; the next decrypt or verify does.
     */
    public static void rewrap(Path sealed, PackageDecryptionKey current, PackageRecipients next, Path rewrapped)
            throws IOException {
        String name = sealed.getFileName().toString();
        if (next.keys().isEmpty() && !next.hasPassphrase()) {
            throw new PackageEncryptionException(name, Reason.NO_RECIPIENT);
        }
        long dataOffset = dataPacketOffset(sealed);
        PGPSessionKey sessionKey;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(sealed))) {
            Unlocked unlocked = unlock(in, name, current);
            // proves the session key against the data's quick check before any key packet is written for it
            dataStream(unlocked, name);
            sessionKey = unlocked.sessionKey;
        }
        Path partial = rewrapped.resolveSibling(rewrapped.getFileName() + ".partial");
        try (FileChannel source = FileChannel.open(sealed, StandardOpenOption.READ);
                FileChannel target = FileChannel.open(partial, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (PGPKeyEncryptionMethodGenerator method : methods(next)) {
                byte[] packet = method.generate(OpenPgpMessages.dataEncryptor(sessionKey.getAlgorithm()),
                        sessionKey.getKey()).getEncoded();
                target.write(ByteBuffer.wrap(packet));
            }
            long size = source.size();
            for (long at = dataOffset; at < size; ) {
                at += source.transferTo(at, size - at, target);
            }
            target.force(true);
        } catch (PGPException e) {
            Files.deleteIfExists(partial);
            throw new IOException("could not re-wrap " + name + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, rewrapped, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Where the encrypted data packet starts: the length of the key packets (and markers, padding) before it. Only
     * binary messages: those packets never use partial lengths, so their headers give their lengths.
     */
    static long dataPacketOffset(Path sealed) throws IOException {
        String name = sealed.getFileName().toString();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(sealed)))) {
            long offset = 0;
            while (true) {
                int header = in.read();
                if (header < 0 || (header & 0x80) == 0) {
                    throw new PackageEncryptionException(name, Reason.NOT_OPENPGP,
                            "re-wrapping needs a binary (not armored) message", null);
                }
                int tag;
                long length;
                int headerLength;
                if ((header & 0x40) != 0) {
                    tag = header & 0x3F;
                    int first = in.readUnsignedByte();
                    if (first < 192) {
                        length = first;
                        headerLength = 2;
                    } else if (first < 224) {
                        length = ((first - 192) << 8) + in.readUnsignedByte() + 192;
                        headerLength = 3;
                    } else if (first == 255) {
                        length = in.readInt() & 0xFFFFFFFFL;
                        headerLength = 6;
                    } else {
                        length = -1; // partial length: only data packets use it
                        headerLength = 2;
                    }
                } else {
                    tag = (header >> 2) & 0x0F;
                    switch (header & 3) {
                        case 0 -> { length = in.readUnsignedByte(); headerLength = 2; }
                        case 1 -> { length = in.readUnsignedShort(); headerLength = 3; }
                        case 2 -> { length = in.readInt() & 0xFFFFFFFFL; headerLength = 5; }
                        default -> { length = -1; headerLength = 1; }
                    }
                }
                if (tag == TAG_SEIPD || tag == TAG_AEAD || tag == TAG_SED) {
                    return offset;
                }
                if (length < 0 || (tag != TAG_PKESK && tag != TAG_SKESK && tag != TAG_MARKER
                        && tag != TAG_PADDING)) {
                    throw new PackageEncryptionException(name, Reason.NOT_OPENPGP,
                            "unexpected packet " + tag + " before the encrypted data", null);
                }
                in.skipNBytes(length);
                offset += headerLength + length;
            }
        } catch (EOFException e) {
            throw new PackageEncryptionException(name, Reason.TRUNCATED, null, e);
        }
    }

    /** The key id as gpg prints it: 16 upper-case hex digits. */
    public static String keyId(long id) {
        return String.format(Locale.ROOT, "%016X", id);
    }

    private static List<PGPKeyEncryptionMethodGenerator> methods(PackageRecipients to) {
        List<PGPKeyEncryptionMethodGenerator> methods = new ArrayList<>();
        for (PGPPublicKey key : to.keys()) {
            methods.add(new BcPublicKeyKeyEncryptionMethodGenerator(key).setSecureRandom(OpenPgpMessages.RANDOM));
        }
        if (to.hasPassphrase()) {
            methods.add(OpenPgpMessages.passphraseMethod(to.passphrase()));
        }
        return methods;
    }

    /** An encrypted data packet with its session key recovered. */
    private record Unlocked(PGPEncryptedData data, PGPSessionKey sessionKey) {}

    /** Whom a message is for, as its key packets say. */
    private record Recipients(List<String> keyIds, boolean passphrase) {
        String describe() {
            List<String> parts = new ArrayList<>();
            if (!keyIds.isEmpty()) {
                parts.add((keyIds.size() == 1 ? "key " : "keys ") + String.join(", ", keyIds));
            }
            if (passphrase) {
                parts.add("a passphrase");
            }
            return parts.isEmpty() ? "nobody" : String.join(" and ", parts);
        }
    }

    private static PGPEncryptedDataList list(InputStream sealed, String name) throws IOException {
        PGPEncryptedDataList list;
        try {
            list = OpenPgpMessages.encryptedDataList(sealed);
        } catch (IOException | RuntimeException e) {
            throw new PackageEncryptionException(name,
                    OpenPgpMessages.endsEarly(e) ? Reason.TRUNCATED : Reason.NOT_OPENPGP, null, e);
        }
        if (list == null) {
            throw new PackageEncryptionException(name, Reason.NOT_OPENPGP);
        }
        return list;
    }

    private static Recipients recipients(PGPEncryptedDataList list) {
        List<String> ids = new ArrayList<>();
        boolean passphrase = false;
        for (Object method : list) {
            if (method instanceof PGPPublicKeyEncryptedData pk) {
                // 0: an anonymous recipient (gpg --throw-keyids)
                ids.add(pk.getKeyID() == 0 ? "anonymous" : keyId(pk.getKeyID()));
            } else if (method instanceof PGPPBEEncryptedData) {
                passphrase = true;
            }
        }
        return new Recipients(ids, passphrase);
    }

    private static Unlocked unlock(InputStream sealed, String name, PackageDecryptionKey key) throws IOException {
        PGPEncryptedDataList list = list(sealed, name);
        Recipients recipients = recipients(list);
        if (key == null) {
            throw new PackageEncryptionException(name, Reason.MISSING_KEY,
                    "it is encrypted for " + recipients.describe(), null);
        }
        Unlocked unlocked = key instanceof Passphrase p
                ? unlockWithPassphrase(list, name, p.value(), recipients)
                : unlockWithPrivateKey(list, name, (PrivateKeys) key, recipients);
        if (!unlocked.data.isIntegrityProtected() && !unlocked.data.isAEAD()) {
            throw new PackageEncryptionException(name, Reason.NOT_INTEGRITY_PROTECTED);
        }
        return unlocked;
    }

    private static Unlocked unlockWithPassphrase(PGPEncryptedDataList list, String name, char[] passphrase,
            Recipients recipients) throws PackageEncryptionException {
        for (Object method : list) {
            if (method instanceof PGPPBEEncryptedData pbe) {
                try {
                    return new Unlocked(pbe, pbe.getSessionKey(new BcPBEDataDecryptorFactory(passphrase,
                            new BcPGPDigestCalculatorProvider())));
                } catch (PGPException | RuntimeException e) {
                    throw new PackageEncryptionException(name,
                            OpenPgpMessages.endsEarly(e) ? Reason.TRUNCATED : Reason.WRONG_PASSPHRASE, null, e);
                }
            }
        }
        throw new PackageEncryptionException(name, Reason.NOT_PASSPHRASE_ENCRYPTED,
                "it is encrypted for " + recipients.describe(), null);
    }

    private static Unlocked unlockWithPrivateKey(PGPEncryptedDataList list, String name, PrivateKeys keys,
            Recipients recipients) throws PackageEncryptionException {
        for (Object method : list) {
            if (!(method instanceof PGPPublicKeyEncryptedData pk)) {
                continue;
            }
            List<PGPSecretKey> candidates = new ArrayList<>();
            if (pk.getKeyID() == 0) {
                keys.keys().getKeyRings().forEachRemaining(r -> r.getSecretKeys().forEachRemaining(s -> {
                    if (s.getPublicKey().isEncryptionKey()) {
                        candidates.add(s);
                    }
                }));
            } else if (keys.keys().getSecretKey(pk.getKeyID()) != null) {
                candidates.add(keys.keys().getSecretKey(pk.getKeyID()));
            }
            for (PGPSecretKey secret : candidates) {
                PGPPrivateKey privateKey;
                try {
                    privateKey = secret.extractPrivateKey(secret.isPrivateKeyEmpty() ? null
                            : new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
                                    .build(keys.keyPassphrase() == null ? new char[0] : keys.keyPassphrase()));
                } catch (PGPException | RuntimeException e) {
                    throw new PackageEncryptionException(name, Reason.KEY_LOCKED,
                            "key " + keyId(secret.getKeyID()) + " of " + keys.origin(), e);
                }
                if (privateKey == null) {
                    continue; // a stub (gpg --export-secret-subkeys without this key)
                }
                try {
                    return new Unlocked(pk, pk.getSessionKey(new BcPublicKeyDataDecryptorFactory(privateKey)));
                } catch (PGPException | RuntimeException e) {
                    if (pk.getKeyID() != 0) {
                        // the key id matched but it does not decrypt: the key packet was changed
                        throw new PackageEncryptionException(name, Reason.MODIFIED,
                                "the session key for key " + keyId(pk.getKeyID()) + " does not decrypt", e);
                    }
                }
            }
        }
        List<String> held = keys.keyIds();
        throw new PackageEncryptionException(name, Reason.NOT_FOR_THIS_KEY,
                "it is encrypted for " + recipients.describe() + "; " + keys.origin() + " holds "
                        + (held.isEmpty() ? "no decryption key" : String.join(", ", held)), null);
    }

    private static InputStream dataStream(Unlocked unlocked, String name) throws PackageEncryptionException {
        // the JDK's AES (AES-NI) and SHA-1 (SHA-NI) for the bulk data of SEIPD v1; the JDK has no OCB/EAX for AEAD
        SessionKeyDataDecryptorFactory factory = unlocked.data.isAEAD()
                ? new BcSessionKeyDataDecryptorFactory(unlocked.sessionKey)
                : new JceSessionKeyDataDecryptorFactoryBuilder().build(unlocked.sessionKey);
        try {
            return unlocked.data instanceof PGPPublicKeyEncryptedData pk ? pk.getDataStream(factory)
                    : ((PGPPBEEncryptedData) unlocked.data).getDataStream(factory);
        } catch (PGPException | RuntimeException e) {
            // Without AEAD a wrong passphrase shows only now, as the failed quick check after the IV; a session key
            // from a private key was proven by its checksum, so a failure here is the data's
            Reason reason = OpenPgpMessages.endsEarly(e) ? Reason.TRUNCATED
                    : unlocked.data instanceof PGPPBEEncryptedData && !unlocked.data.isAEAD()
                            ? Reason.WRONG_PASSPHRASE : Reason.MODIFIED;
            throw new PackageEncryptionException(name, reason, null, e);
        }
    }

    /** Counts and hashes what is read through it. */
    private static final class Digesting extends FilterInputStream {
        final MessageDigest digest = PackageSealer.sha256();
        long count;

        Digesting(InputStream in) {
            super(in);
        }

        /** A reset would hash bytes twice (Bouncy Castle peeks at a message's first bytes with mark/reset). */
        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = 0;
            while (skipped < n && read() >= 0) { // read, not skipped: every byte is hashed
                skipped++;
            }
            return skipped;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digest.update((byte) b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
                count += n;
            }
            return n;
        }

        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /** Counts and hashes what is written through it. */
    private static final class Digested extends FilterOutputStream {
        final MessageDigest digest = PackageSealer.sha256();
        long count;

        Digested(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }

        @Override
        public void close() {
            // the caller's stream stays open
        }

        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
