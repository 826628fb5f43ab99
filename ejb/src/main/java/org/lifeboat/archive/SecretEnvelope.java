package org.lifeboat.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.PGPPadding;
import org.bouncycastle.openpgp.PGPSessionKey;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBEDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBEKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcSessionKeyDataDecryptorFactory;
import org.lifeboat.archive.SecretEnvelopeException.Reason;

/**
 * Keeps a secret file (database password, secret key) in a backup only in encrypted form: a passphrase-encrypted,
 * integrity-protected OpenPGP message that Debian's {@code gpg -d} opens, so a restore never depends on Lifeboat.
 *
 * <p>What {@link #seal} writes, one binary (not armored) OpenPGP message (RFC 4880):
 * <ul>
 *   <li>a version 4 symmetric-key packet with an iterated and salted S2K: SHA-256, a random 8-byte salt, the
 *       largest count the format can express (65011712 bytes hashed, gpg's own ceiling). Argon2 S2K would be
 *       stronger but gpg 2.2 (Debian 12) cannot read it;</li>
 *   <li>the key derived from the passphrase encrypts the data directly (no separate session key), as
 *       {@code gpg --symmetric} does;</li>
 *   <li>AES-256 in OpenPGP CFB mode inside a symmetrically encrypted integrity-protected data packet (SEIPD v1)
 *       ending in a modification detection code (MDC). AEAD packets (OCB, SEIPD v2) are not written because
 *       gpg 2.2 cannot read them;</li>
 *   <li>no compression: secrets are small or high-entropy, and leaving it out removes a decompressor from the
 *       path that handles still-unverified data;</li>
 *   <li>partial-length packets, so input of any size streams through a fixed buffer.</li>
 * </ul>
 *
 * <p>{@link #open} accepts any passphrase-encrypted message that is integrity-protected (MDC or AEAD), armored or
 * binary, compressed or not, with any S2K gpg writes, and refuses messages without integrity protection.
 *
 * <p><b>Verification happens at the end.</b> An MDC can only be checked after the last byte, so {@code open}
 * streams plaintext into the caller's stream as it decrypts and throws {@link SecretEnvelopeException} if the
 * check fails. Plaintext is never buffered in a temporary file on Lifeboat's side, since a plaintext copy of a
 * secret left behind by a crash is exactly what this class exists to avoid. A caller therefore trusts the output
 * only once {@code open} has returned normally: write to a {@code .partial} file and rename it into place after
 * the return, and delete it on an exception.
 *
 * <p>Both methods use Bouncy Castle's lightweight API, so no JCE provider needs registering in the server.
 * Neither closes the streams it is given.
 */
public final class SecretEnvelope {

    /** S2K count byte 0xFF: 65011712 bytes hashed, the maximum of the format and gpg's default on fast machines. */
    static final int S2K_COUNT = 0xFF;

    /** Partial packet size; a power of two, at least 512 as RFC 4880 requires of the first chunk. */
    private static final int PACKET_BUFFER = 1 << 16;

    /** A literal packet stores the name's length in one byte. */
    private static final int MAX_NAME_BYTES = 255;

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretEnvelope() {}

    /**
     * Encrypts {@code plain} into one OpenPGP message written to {@code out}. {@code fileName} is recorded inside
     * the encrypted part ({@code gpg --use-embedded-filename} would use it).
     */
    public static void seal(InputStream plain, String fileName, char[] passphrase, OutputStream out)
            throws IOException {
        requirePassphrase(passphrase);
        for (char c : passphrase) {
            // gpg reads a passphrase up to the end of a line, so such a message could never be opened with gpg -d
            if (c == '\n' || c == '\r') {
                throw new SecretEnvelopeException(Reason.PASSPHRASE_WITH_LINE_BREAK);
            }
        }
        if (fileName.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("file name longer than " + MAX_NAME_BYTES + " bytes: " + fileName);
        }
        PGPEncryptedDataGenerator encryption = new PGPEncryptedDataGenerator(
                new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                        .setWithIntegrityPacket(true)
                        .setSecureRandom(RANDOM));
        encryption.setForceSessionKey(false);
        try {
            encryption.addMethod(new BcPBEKeyEncryptionMethodGenerator(passphrase,
                    new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA256), S2K_COUNT)
                    .setSecureRandom(RANDOM));
            OutputStream encrypted = encryption.open(out, new byte[PACKET_BUFFER]);
            OutputStream literal = new PGPLiteralDataGenerator().open(encrypted, PGPLiteralData.BINARY, fileName,
                    new Date(), new byte[PACKET_BUFFER]);
            plain.transferTo(literal);
            // Closing writes the last packet and the MDC, so only a complete copy gets them: if reading fails
            // above, the message stays unterminated and open() reports it truncated instead of a shorter secret.
            literal.close();
            encrypted.close();
        } catch (PGPException e) {
            throw new IOException("could not encrypt " + fileName + ": " + e.getMessage(), e);
        }
        out.flush();
    }

    /**
     * Decrypts a message written by {@link #seal} or by {@code gpg --symmetric} into {@code plain}, then checks its
     * integrity. Only a normal return means the bytes written are the original: on an exception they must be
     * discarded.
     *
     * @throws SecretEnvelopeException if the passphrase is empty or wrong, or the message is not an
     *     integrity-protected passphrase-encrypted OpenPGP message, or was modified or truncated
     * @throws IOException if reading {@code sealed} or writing {@code plain} fails
     */
    public static void open(InputStream sealed, char[] passphrase, OutputStream plain) throws IOException {
        requirePassphrase(passphrase);
        PGPPBEEncryptedData encrypted = findPassphraseEncryptedData(sealed);
        if (!encrypted.isIntegrityProtected() && !encrypted.isAEAD()) {
            throw new SecretEnvelopeException(Reason.NOT_INTEGRITY_PROTECTED);
        }
        PGPSessionKey sessionKey;
        try {
            sessionKey = encrypted.getSessionKey(new BcPBEDataDecryptorFactory(passphrase,
                    new BcPGPDigestCalculatorProvider()));
        } catch (PGPException | RuntimeException e) {
            // only a session key wrapped with AEAD (as newer gpg writes) can tell a wrong passphrase here
            throw new SecretEnvelopeException(endsEarly(e) ? Reason.TRUNCATED : Reason.WRONG_PASSPHRASE, e);
        }
        InputStream clear;
        try {
            clear = encrypted.getDataStream(new BcSessionKeyDataDecryptorFactory(sessionKey));
        } catch (PGPException | RuntimeException e) {
            // Without AEAD a wrong passphrase shows only now: as the failed quick check after the IV, or as a
            // garbled session key naming no cipher. With AEAD the passphrase was proven above, and a failure of
            // the first chunk is tampering.
            Reason reason = endsEarly(e) ? Reason.TRUNCATED
                    : encrypted.isAEAD() ? Reason.MODIFIED : Reason.WRONG_PASSPHRASE;
            throw new SecretEnvelopeException(reason, e);
        }
        try {
            copyLiteralData(clear, plain);
            if (encrypted.isAEAD()) {
                // AEAD checks each chunk and the final tag as it is read: reading to the end is the verification
                clear.transferTo(OutputStream.nullOutputStream());
            } else if (!encrypted.verify()) {
                throw new SecretEnvelopeException(Reason.MODIFIED);
            }
        } catch (SecretEnvelopeException e) {
            throw e;
        } catch (PlainWriteException e) {
            throw e.getCause();
        } catch (IOException | PGPException | RuntimeException e) {
            // decrypted garbage breaks packet parsing or decompression before the MDC is even reached; the
            // decompressor's own "unexpected end" is garbage too, only the OpenPGP packet layer running out of
            // input is a cut message
            throw new SecretEnvelopeException(cutOrModified(encrypted, e), e);
        }
    }

    /**
     * Decrypted garbage can look like a cut message (a garbled length asks for more than there is). The integrity
     * code tells them apart: it reads the rest of the encrypted stream; when it is there and does not match, the
     * message was modified; only when the encrypted stream itself ends early was it cut.
     */
    private static Reason cutOrModified(PGPPBEEncryptedData encrypted, Exception e) {
        if (!packetsEndEarly(e)) {
            return Reason.MODIFIED;
        }
        if (encrypted.isAEAD()) {
            return Reason.TRUNCATED;
        }
        try {
            return encrypted.verify() ? Reason.TRUNCATED : Reason.MODIFIED;
        } catch (IOException | PGPException | RuntimeException verify) {
            return endsEarly(verify) ? Reason.TRUNCATED : Reason.MODIFIED;
        }
    }

    private static void requirePassphrase(char[] passphrase) throws SecretEnvelopeException {
        if (passphrase == null || passphrase.length == 0) {
            throw new SecretEnvelopeException(Reason.EMPTY_PASSPHRASE);
        }
    }

    private static PGPPBEEncryptedData findPassphraseEncryptedData(InputStream sealed) throws IOException {
        PGPEncryptedDataList list;
        try {
            // also takes ASCII armor, as gpg -a writes it
            BcPGPObjectFactory factory = new BcPGPObjectFactory(PGPUtil.getDecoderStream(sealed));
            Object first = factory.nextObject();
            while (first instanceof PGPMarker || first instanceof PGPPadding) {
                first = factory.nextObject();
            }
            if (!(first instanceof PGPEncryptedDataList found)) {
                throw new SecretEnvelopeException(Reason.NOT_OPENPGP);
            }
            list = found;
        } catch (SecretEnvelopeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SecretEnvelopeException(endsEarly(e) ? Reason.TRUNCATED : Reason.NOT_OPENPGP, e);
        }
        for (Object method : list) {
            if (method instanceof PGPPBEEncryptedData pbe) {
                return pbe;
            }
        }
        throw new SecretEnvelopeException(Reason.NOT_PASSPHRASE_ENCRYPTED);
    }

    /** Writes the content of the (possibly compressed) literal data packet that a decrypted message holds. */
    private static void copyLiteralData(InputStream clear, OutputStream plain) throws IOException, PGPException {
        Object content = new BcPGPObjectFactory(clear).nextObject();
        if (content instanceof PGPCompressedData compressed) {
            content = new BcPGPObjectFactory(compressed.getDataStream()).nextObject();
        }
        if (!(content instanceof PGPLiteralData literal)) {
            throw new SecretEnvelopeException(Reason.MODIFIED);
        }
        InputStream in = literal.getInputStream();
        byte[] buffer = new byte[PACKET_BUFFER];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            try {
                plain.write(buffer, 0, n);
            } catch (IOException e) {
                // the caller's disk failing is not the message's fault: keep it apart from MODIFIED
                throw new PlainWriteException(e);
            }
        }
    }

    /** An end of input met by Bouncy Castle's packet or cipher streams, not by a decompressor reading garbage. */
    private static boolean packetsEndEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException && t.getStackTrace().length > 0
                    && t.getStackTrace()[0].getClassName().startsWith("org.bouncycastle.")) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    /** Carries an error writing the plaintext past the handler for message errors; {@code open} rethrows the cause. */
    private static final class PlainWriteException extends IOException {
        private static final long serialVersionUID = 1L;

        PlainWriteException(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
