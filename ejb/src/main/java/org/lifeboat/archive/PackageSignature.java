package org.lifeboat.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The signature entry a server writes into its own packages: an HMAC-SHA256 with the server's key over the exact
 * bytes of {@code manifest.json}. The manifest lists the SHA-256 of every other entry, so a valid signature vouches
 * for the whole package. It is the second entry of the tar, right after the manifest, and one line of text:
 * {@code lifeboat-signature-1 hmac-sha256 <key id> <mac hex>}.
 */
public final class PackageSignature {

    public static final String ENTRY_NAME = "manifest.sig";
    /** Far more than the one line ever takes; an upload's signature entry may not be larger. */
    public static final int MAX_BYTES = 512;

    private static final String HEADER = "lifeboat-signature-1 hmac-sha256 ";

    /** The manifest's bytes and the signature entry's, as a package holds them (no signature: empty). */
    public record Signed(byte[] manifest, Optional<byte[]> signature) {}

    private PackageSignature() {}

    /** The content of the signature entry for {@code manifest}. */
    public static byte[] create(byte[] key, byte[] manifest) {
        return (HEADER + keyId(key) + " " + HexFormat.of().formatHex(mac(key, manifest)) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether {@code signature} is the signature of {@code manifest} made with {@code key}. */
    public static boolean verifies(byte[] key, byte[] manifest, byte[] signature) {
        String text = new String(signature, StandardCharsets.US_ASCII);
        if (!text.startsWith(HEADER) || !text.endsWith("\n")) {
            return false;
        }
        String[] parts = text.substring(HEADER.length(), text.length() - 1).split(" ", -1);
        if (parts.length != 2 || !parts[0].equals(keyId(key)) || !parts[1].matches("[0-9a-f]{64}")) {
            return false;
        }
        return MessageDigest.isEqual(mac(key, manifest), HexFormat.of().parseHex(parts[1]));
    }

    /** Reads the manifest and, if it is the second entry, the signature of a package file. */
    public static Signed read(Path file) throws IOException {
        try (TarFile tar = new TarFile(file)) {
            List<TarArchiveEntry> entries = tar.getEntries();
            if (entries.isEmpty() || !entries.get(0).getName().equals(Manifest.ENTRY_NAME)) {
                throw new IOException(file.getFileName() + " does not start with " + Manifest.ENTRY_NAME);
            }
            byte[] manifest;
            try (InputStream in = tar.getInputStream(entries.get(0))) {
                manifest = in.readAllBytes();
            }
            if (entries.size() < 2 || !entries.get(1).getName().equals(ENTRY_NAME)
                    || entries.get(1).getSize() > MAX_BYTES) {
                return new Signed(manifest, Optional.empty());
            }
            try (InputStream in = tar.getInputStream(entries.get(1))) {
                return new Signed(manifest, Optional.of(in.readNBytes(MAX_BYTES)));
            }
        }
    }

    /** A short public name of the key, so a signature made with another server's key is told apart. */
    static String keyId(byte[] key) {
        return HexFormat.of().formatHex(PackageSealer.sha256().digest(key), 0, 8);
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getMessage(), e);
        }
    }
}
