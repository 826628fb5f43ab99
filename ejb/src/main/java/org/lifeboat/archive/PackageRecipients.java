package org.lifeboat.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPPublicKeyRingCollection;
import org.lifeboat.archive.PackageEncryptionException.Reason;

/**
 * Whom an encrypted package is for: the encryption keys of one or more OpenPGP public keys (the server needs no
 * private key to back up), a passphrase, or both; each can open the package on its own.
 */
public record PackageRecipients(List<PGPPublicKey> keys, char[] passphrase) {

    public PackageRecipients {
        keys = List.copyOf(keys);
    }

    public static PackageRecipients passphrase(char[] passphrase) {
        return new PackageRecipients(List.of(), passphrase);
    }

    public static PackageRecipients keys(List<PGPPublicKey> keys) {
        return new PackageRecipients(keys, null);
    }

    /**
     * The encryption keys of the public key files given (armored as {@code gpg --export -a} writes them, or
     * binary): of each key, its encryption subkeys, or the primary key if it has none that can encrypt.
     */
    public static PackageRecipients keyFiles(List<Path> publicKeyFiles) throws IOException {
        List<PGPPublicKey> keys = new ArrayList<>();
        for (Path file : publicKeyFiles) {
            keys.addAll(encryptionKeys(file));
        }
        return keys(keys);
    }

    /** The recipients' key ids, 16 upper-case hex digits as gpg prints them, in order. */
    public List<String> keyIds() {
        return keys.stream().map(k -> PackageEncryption.keyId(k.getKeyID())).toList();
    }

    public boolean hasPassphrase() {
        return passphrase != null && passphrase.length > 0;
    }

    static List<PGPPublicKey> encryptionKeys(Path file) throws IOException {
        List<PGPPublicKey> found = new ArrayList<>();
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            for (Iterator<PGPPublicKeyRing> rings = new BcPGPPublicKeyRingCollection(in).getKeyRings();
                    rings.hasNext(); ) {
                List<PGPPublicKey> ofRing = new ArrayList<>();
                PGPPublicKey primary = null;
                for (Iterator<PGPPublicKey> it = rings.next().getPublicKeys(); it.hasNext(); ) {
                    PGPPublicKey key = it.next();
                    if (key.isMasterKey()) {
                        primary = key;
                    } else if (key.isEncryptionKey() && !key.hasRevocation()) {
                        ofRing.add(key);
                    }
                }
                if (ofRing.isEmpty() && primary != null && primary.isEncryptionKey()
                        && !primary.hasRevocation()) {
                    ofRing.add(primary);
                }
                found.addAll(ofRing);
            }
        } catch (PGPException | RuntimeException e) {
            throw new PackageEncryptionException(file.toString(), Reason.NO_ENCRYPTION_KEY, e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new PackageEncryptionException(file.toString(), Reason.NO_ENCRYPTION_KEY);
        }
        return found;
    }
}
