package org.lifeboat.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPSecretKeyRingCollection;
import org.lifeboat.archive.PackageEncryptionException.Reason;

/**
 * What opens an encrypted package at restore time: a passphrase, or OpenPGP private keys (a file exported with
 * {@code gpg --export-secret-keys}, given only when restoring; the key may otherwise live offline) with the
 * passphrase that protects them, if any.
 */
public sealed interface PackageDecryptionKey {

    /** The passphrase the package was encrypted with. */
    record Passphrase(char[] value) implements PackageDecryptionKey {}

    /** Private keys, {@code keyPassphrase} empty or null when they are not protected. */
    record PrivateKeys(PGPSecretKeyRingCollection keys, char[] keyPassphrase, String origin)
            implements PackageDecryptionKey {

        /** The ids of the keys that can decrypt, as gpg prints them. */
        public List<String> keyIds() {
            List<String> ids = new ArrayList<>();
            for (Iterator<PGPSecretKeyRing> rings = keys.getKeyRings(); rings.hasNext(); ) {
                // as PackageRecipients picks them: the encryption subkeys, else an encryption-capable primary key
                List<String> ofRing = new ArrayList<>();
                String primary = null;
                for (Iterator<PGPSecretKey> it = rings.next().getSecretKeys(); it.hasNext(); ) {
                    PGPSecretKey key = it.next();
                    if (!key.getPublicKey().isEncryptionKey()) {
                        continue;
                    }
                    if (key.isMasterKey()) {
                        primary = PackageEncryption.keyId(key.getKeyID());
                    } else {
                        ofRing.add(PackageEncryption.keyId(key.getKeyID()));
                    }
                }
                if (ofRing.isEmpty() && primary != null) {
                    ofRing.add(primary);
                }
                ids.addAll(ofRing);
            }
            return ids;
        }
    }

    static PackageDecryptionKey passphrase(char[] value) {
        return new Passphrase(value);
    }

    /** Reads private keys given as text ({@code gpg --export-secret-keys -a}); {@code origin} names them in errors. */
    static PackageDecryptionKey privateKey(String armored, char[] keyPassphrase, String origin) throws IOException {
        try (InputStream in = PGPUtil.getDecoderStream(new java.io.ByteArrayInputStream(
                armored.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))) {
            return new PrivateKeys(new BcPGPSecretKeyRingCollection(in), keyPassphrase, origin);
        } catch (PGPException | IOException | RuntimeException e) {
            throw new PackageEncryptionException(origin, Reason.NO_ENCRYPTION_KEY,
                    "not an OpenPGP private key (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a private key file, armored or binary. */
    static PackageDecryptionKey privateKeyFile(Path file, char[] keyPassphrase) throws IOException {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            return new PrivateKeys(new BcPGPSecretKeyRingCollection(in), keyPassphrase, file.toString());
        } catch (PGPException | RuntimeException e) {
            throw new PackageEncryptionException(file.toString(), Reason.NO_ENCRYPTION_KEY,
                    "not an OpenPGP private key file (" + e.getMessage() + ")", e);
        }
    }
}
