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
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPadding;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBEKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/**
 * What {@link SecretEnvelope} (secret files) and {@link PackageEncryption} (whole packages) share: the one way
 * Lifeboat writes an OpenPGP message (AES-256, SEIPD v1 with MDC, no compression, partial-length packets through
 * a fixed buffer, iterated+salted SHA-256 S2K at the format's maximum count) and the one way it reads the
 * plaintext back and tells a modified message from a cut one.
 */
final class OpenPgpMessages {

    /** S2K count byte 0xFF: 65011712 bytes hashed, the maximum of the format and gpg's default on fast machines. */
    static final int S2K_COUNT = 0xFF;

    /** Partial packet size; a power of two, at least 512 as RFC 4880 requires of the first chunk. */
    static final int PACKET_BUFFER = 1 << 16;

    /** A literal packet stores the name's length in one byte. */
    static final int MAX_NAME_BYTES = 255;

    static final SecureRandom RANDOM = new SecureRandom();

    /** What went wrong with the encrypted data itself, once a key opened it. */
    enum Fault { MODIFIED, TRUNCATED }

    /** The encrypted data is not what was written; {@link #fault} says whether it was changed or cut. */
    static final class MessageFault extends Exception {
        private static final long serialVersionUID = 1L;
        final Fault fault;

        MessageFault(Fault fault, Throwable cause) {
            super(fault.name(), cause);
            this.fault = fault;
        }
    }

    private OpenPgpMessages() {}

    /** AES-256, integrity-protected (SEIPD v1 + MDC: gpg 2.2 reads neither AEAD nor SEIPD v2). */
    static BcPGPDataEncryptorBuilder dataEncryptor(int algorithm) {
        return new BcPGPDataEncryptorBuilder(algorithm).setWithIntegrityPacket(true).setSecureRandom(RANDOM);
    }

    static PGPEncryptedDataGenerator generator() {
        return new PGPEncryptedDataGenerator(dataEncryptor(SymmetricKeyAlgorithmTags.AES_256));
    }

    /** A version 4 symmetric-key packet, iterated+salted SHA-256 S2K with a random salt and the maximum count. */
    static BcPBEKeyEncryptionMethodGenerator passphraseMethod(char[] passphrase) {
        try {
            return (BcPBEKeyEncryptionMethodGenerator) new BcPBEKeyEncryptionMethodGenerator(passphrase,
                    new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA256), S2K_COUNT)
                    .setSecureRandom(RANDOM);
        } catch (PGPException e) {
            throw new IllegalStateException("SHA-256 is missing from Bouncy Castle", e);
        }
    }

    static void requireLiteralName(String fileName) {
        if (fileName.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("file name longer than " + MAX_NAME_BYTES + " bytes: " + fileName);
        }
    }

    /**
     * Writes {@code plain} as one literal data packet inside the message {@code encryption} opens on {@code out}.
     * Closing writes the last packet and the MDC, so only a complete copy gets them: if reading fails, the message
     * stays unterminated and a reader reports it truncated instead of yielding a shorter file.
     */
    static void write(PGPEncryptedDataGenerator encryption, InputStream plain, String fileName, OutputStream out)
            throws IOException, PGPException {
        OutputStream encrypted = encryption.open(out, new byte[PACKET_BUFFER]);
        OutputStream literal = new PGPLiteralDataGenerator().open(encrypted, PGPLiteralData.BINARY, fileName,
                new Date(), new byte[PACKET_BUFFER]);
        byte[] buffer = new byte[PACKET_BUFFER];
        for (int n; (n = plain.read(buffer)) >= 0; ) {
            literal.write(buffer, 0, n);
        }
        literal.close();
        encrypted.close();
        out.flush();
    }

    /**
     * The encrypted-data list a message starts with (after marker and padding packets), armored or binary;
     * {@code null} when the first packet is something else.
     */
    static PGPEncryptedDataList encryptedDataList(InputStream sealed) throws IOException {
        BcPGPObjectFactory factory = new BcPGPObjectFactory(PGPUtil.getDecoderStream(sealed));
        Object first = factory.nextObject();
        while (first instanceof PGPMarker || first instanceof PGPPadding) {
            first = factory.nextObject();
        }
        return first instanceof PGPEncryptedDataList list ? list : null;
    }

    /**
     * Streams the literal data of an opened message into {@code plain}, then checks its integrity (MDC or AEAD).
     * Only a normal return means the bytes written are the original.
     *
     * @throws MessageFault if the message was modified or cut
     * @throws IOException if writing {@code plain} fails
     */
    static void copyVerified(PGPEncryptedData encrypted, InputStream clear, OutputStream plain)
            throws IOException, MessageFault {
        try {
            if (!copyLiteralData(clear, plain)) {
                throw new MessageFault(Fault.MODIFIED, null);
            }
            if (encrypted.isAEAD()) {
                // AEAD checks each chunk and the final tag as it is read: reading to the end is the verification
                clear.transferTo(OutputStream.nullOutputStream());
            } else if (!encrypted.verify()) {
                throw new MessageFault(Fault.MODIFIED, null);
            }
        } catch (PlainWriteException e) {
            throw e.getCause();
        } catch (IOException | PGPException | RuntimeException e) {
            // decrypted garbage breaks packet parsing or decompression before the MDC is even reached; the
            // decompressor's own "unexpected end" is garbage too, only the OpenPGP packet layer running out of
            // input is a cut message
            throw new MessageFault(cutOrModified(encrypted, e), e);
        }
    }

    /** Writes the content of the (possibly compressed) literal data packet; false if there is none. */
    private static boolean copyLiteralData(InputStream clear, OutputStream plain) throws IOException, PGPException {
        Object content = new BcPGPObjectFactory(clear).nextObject();
        if (content instanceof PGPCompressedData compressed) {
            content = new BcPGPObjectFactory(compressed.getDataStream()).nextObject();
        }
        if (!(content instanceof PGPLiteralData literal)) {
            return false;
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
        return true;
    }

    /**
     * Decrypted garbage can look like a cut message (a garbled length asks for more than there is). The integrity
     * code tells them apart: it reads the rest of the encrypted stream; when it is there and does not match, the
     * message was modified; only when the encrypted stream itself ends early was it cut.
     */
    private static Fault cutOrModified(PGPEncryptedData encrypted, Exception e) {
        if (!packetsEndEarly(e)) {
            return Fault.MODIFIED;
        }
        if (encrypted.isAEAD()) {
            return Fault.TRUNCATED;
        }
        try {
            return encrypted.verify() ? Fault.TRUNCATED : Fault.MODIFIED;
        } catch (IOException | PGPException | RuntimeException verify) {
            return endsEarly(verify) ? Fault.TRUNCATED : Fault.MODIFIED;
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

    static boolean endsEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    /** Carries an error writing the plaintext past the handler for message errors; it is rethrown as is. */
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
