package org.lifeboat.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.PGPSessionKey;
import org.bouncycastle.openpgp.operator.bc.BcPBEDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcSessionKeyDataDecryptorFactory;
import org.lifeboat.archive.OpenPgpMessages.MessageFault;
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
 * <p>The format and the integrity check are shared with whole-package encryption ({@link OpenPgpMessages}).
 * Both methods use Bouncy Castle's lightweight API, so no JCE provider needs registering in the server.
 * Neither closes the streams it is given.
 */
public final class SecretEnvelope {

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
        OpenPgpMessages.requireLiteralName(fileName);
        PGPEncryptedDataGenerator encryption = OpenPgpMessages.generator();
        // one passphrase and no separate session key, as gpg --symmetric writes it
        encryption.setForceSessionKey(false);
        encryption.addMethod(OpenPgpMessages.passphraseMethod(passphrase));
        try {
            OpenPgpMessages.write(encryption, plain, fileName, out);
        } catch (PGPException e) {
            throw new IOException("could not encrypt " + fileName + ": " + e.getMessage(), e);
        }
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
            throw new SecretEnvelopeException(
                    OpenPgpMessages.endsEarly(e) ? Reason.TRUNCATED : Reason.WRONG_PASSPHRASE, e);
        }
        InputStream clear;
        try {
            clear = encrypted.getDataStream(new BcSessionKeyDataDecryptorFactory(sessionKey));
        } catch (PGPException | RuntimeException e) {
            // Without AEAD a wrong passphrase shows only now: as the failed quick check after the IV, or as a
            // garbled session key naming no cipher. With AEAD the passphrase was proven above, and a failure of
            // the first chunk is tampering.
            Reason reason = OpenPgpMessages.endsEarly(e) ? Reason.TRUNCATED
                    : encrypted.isAEAD() ? Reason.MODIFIED : Reason.WRONG_PASSPHRASE;
            throw new SecretEnvelopeException(reason, e);
        }
        try {
            OpenPgpMessages.copyVerified(encrypted, clear, plain);
        } catch (MessageFault e) {
            throw new SecretEnvelopeException(e.fault == OpenPgpMessages.Fault.TRUNCATED
                    ? Reason.TRUNCATED : Reason.MODIFIED, e.getCause());
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
            list = OpenPgpMessages.encryptedDataList(sealed);
        } catch (IOException | RuntimeException e) {
            throw new SecretEnvelopeException(
                    OpenPgpMessages.endsEarly(e) ? Reason.TRUNCATED : Reason.NOT_OPENPGP, e);
        }
        if (list == null) {
            throw new SecretEnvelopeException(Reason.NOT_OPENPGP);
        }
        for (Object method : list) {
            if (method instanceof PGPPBEEncryptedData pbe) {
                return pbe;
            }
        }
        throw new SecretEnvelopeException(Reason.NOT_PASSPHRASE_ENCRYPTED);
    }
}
