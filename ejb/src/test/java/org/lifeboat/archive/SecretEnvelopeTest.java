package org.lifeboat.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.bcpg.AEADAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPBEKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lifeboat.archive.SecretEnvelopeException.Reason;

/** Proves the envelope against the real {@code gpg} of the machine, in both directions. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SecretEnvelopeTest {

    private static final Path GPG = Path.of("/usr/bin/gpg");
    private static final Path GPGCONF = Path.of("/usr/bin/gpgconf");
    private static final long PROCESS_TIMEOUT_SECONDS = 120;

    // non-ASCII on purpose: gpg and Bouncy Castle must agree on UTF-8
    private static final String PASSPHRASE = "correct horse battery stäple";
    private static final String MARKER = "postgres-password=S3cr3t-MARKER-4711";

    @TempDir
    Path dir;

    /** A fresh GNUPGHOME per test, so no agent state or cached passphrase carries over. */
    private Path gnupgHome;

    private int processes;

    @BeforeEach
    void freshGnupgHome() throws IOException {
        assertTrue(Files.isExecutable(GPG), "gpg is missing: apt-get install -y gnupg");
        gnupgHome = Files.createDirectory(dir.resolve("gnupg"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @AfterEach
    void stopGpgAgent() throws Exception {
        if (Files.isExecutable(GPGCONF)) {
            run(List.of(GPGCONF.toString(), "--homedir", gnupgHome.toString(), "--kill", "all"), null);
        }
    }

    @Test
    void gpg_decrypts_a_sealed_multi_megabyte_binary_file_to_the_exact_bytes() throws Exception {
        byte[] secret = binaryWithZeros(5 * 1024 * 1024 + 123);
        Path sealed = seal(secret, "secret.key");

        Path decrypted = dir.resolve("decrypted.bin");
        Result gpg = gpg(PASSPHRASE, "--output", decrypted.toString(), "--decrypt", sealed.toString());

        assertEquals(0, gpg.exitCode(), gpg.stderr());
        assertArrayEquals(secret, Files.readAllBytes(decrypted));
        assertFalse(gpg.stderr().contains("not integrity protected"), gpg.stderr());
    }

    @Test
    void gpg_sees_aes256_an_iterated_salted_sha256_s2k_at_the_maximum_count_and_an_mdc() throws Exception {
        Path sealed = seal(MARKER.getBytes(UTF_8), "db.password");

        Result packets = gpg(PASSPHRASE, "--list-packets", sealed.toString());

        assertEquals(0, packets.exitCode(), packets.stderr());
        String listing = packets.stdout();
        // gpg's numbers: cipher 9 = AES256, s2k 3 = iterated and salted, hash 8 = SHA256, mdc_method 2 = SHA-1
        assertTrue(listing.contains(":symkey enc packet: version 4, cipher 9, aead 0,s2k 3, hash 8"), listing);
        assertTrue(listing.contains("count 65011712 (255)"), listing);
        assertTrue(listing.contains(":encrypted data packet:"), listing);
        assertTrue(listing.contains("mdc_method: 2"), listing);
        assertFalse(listing.contains(":compressed packet:"), listing);
        assertTrue(listing.contains("name=\"db.password\""), listing);
    }

    static Stream<Arguments> gpgSymmetricOptions() {
        return Stream.of(
                Arguments.of(List.of()), // gpg's defaults: compressed with ZIP
                Arguments.of(List.of("--compress-algo", "none")),
                Arguments.of(List.of("--compress-algo", "bzip2", "--s2k-digest-algo", "SHA512")),
                Arguments.of(List.of("--armor")));
    }

    @ParameterizedTest
    @MethodSource("gpgSymmetricOptions")
    void a_file_encrypted_by_gpg_opens(List<String> options) throws Exception {
        byte[] secret = binaryWithZeros(300_000);
        Path plain = Files.write(dir.resolve("secret.bin"), secret);
        Path sealed = dir.resolve("secret.bin.gpg");
        List<String> args = new ArrayList<>(List.of("--symmetric", "--cipher-algo", "AES256"));
        args.addAll(options);
        args.addAll(List.of("--output", sealed.toString(), plain.toString()));
        Result gpg = gpg(PASSPHRASE, args.toArray(String[]::new));
        assertEquals(0, gpg.exitCode(), gpg.stderr());

        assertArrayEquals(secret, open(Files.readAllBytes(sealed), PASSPHRASE));
    }

    @Test
    void a_wrong_passphrase_is_reported_as_such() throws Exception {
        Path sealed = seal(MARKER.getBytes(UTF_8), "db.password");

        SecretEnvelopeException e = assertThrows(SecretEnvelopeException.class,
                () -> open(Files.readAllBytes(sealed), "correct horse battery staple"));

        assertEquals(Reason.WRONG_PASSPHRASE, e.reason());
        assertTrue(e.getMessage().startsWith("wrong passphrase"), e.getMessage());
    }

    @Test
    void a_wrong_passphrase_on_a_file_from_gpg_is_reported_as_such() throws Exception {
        Path plain = Files.write(dir.resolve("secret.bin"), MARKER.getBytes(UTF_8));
        Path sealed = dir.resolve("secret.bin.gpg");
        Result gpg = gpg(PASSPHRASE, "--symmetric", "--cipher-algo", "AES256", "--output", sealed.toString(),
                plain.toString());
        assertEquals(0, gpg.exitCode(), gpg.stderr());

        SecretEnvelopeException e = assertThrows(SecretEnvelopeException.class,
                () -> open(Files.readAllBytes(sealed), "not the passphrase"));

        assertEquals(Reason.WRONG_PASSPHRASE, e.reason());
    }

    @Test
    void a_flipped_byte_anywhere_in_the_encrypted_body_is_modified_never_truncated() throws Exception {
        byte[] sealed = Files.readAllBytes(seal(binaryWithZeros(256 * 1024), "secret.key"));
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 60; i++) {
            byte[] tampered = sealed.clone();
            int at = 200 + random.nextInt(sealed.length - 400);
            tampered[at] ^= (byte) (1 << random.nextInt(8));
            SecretEnvelopeException e = assertThrows(SecretEnvelopeException.class, () -> open(tampered, PASSPHRASE),
                    "flip at " + at);
            assertEquals(Reason.MODIFIED, e.reason(), "flip at " + at + " of " + sealed.length + ": " + e.getMessage());
        }
    }

    @Test
    void a_flip_is_told_from_a_cut_whatever_the_salt() throws Exception {
        // garbage decrypted from one flipped bit can look like a cut (a garbled length asks for more than there is);
        // the salt and IV are random, so try many sealings: every flip is MODIFIED, every cut TRUNCATED
        byte[] secret = binaryWithZeros(1024 * 1024);
        for (int n = 0; n < 25; n++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SecretEnvelope.seal(new ByteArrayInputStream(secret), "secret.key", PASSPHRASE.toCharArray(), out);
            byte[] sealed = out.toByteArray();
            byte[] flipped = sealed.clone();
            flipped[sealed.length / 2] ^= 0x01;
            assertEquals(Reason.MODIFIED, assertThrows(SecretEnvelopeException.class, () -> SecretEnvelope.open(
                    new ByteArrayInputStream(flipped), PASSPHRASE.toCharArray(), new ByteArrayOutputStream())).reason(),
                    "sealing " + n);
            byte[] cut = java.util.Arrays.copyOf(sealed, sealed.length * 2 / 3);
            assertEquals(Reason.TRUNCATED, assertThrows(SecretEnvelopeException.class, () -> SecretEnvelope.open(
                    new ByteArrayInputStream(cut), PASSPHRASE.toCharArray(), new ByteArrayOutputStream())).reason(),
                    "sealing " + n);
        }
    }

    @Test
    void one_flipped_byte_in_the_middle_fails_the_integrity_check_here_and_in_gpg() throws Exception {
        byte[] secret = binaryWithZeros(1024 * 1024);
        byte[] sealed = Files.readAllBytes(seal(secret, "secret.key"));
        sealed[sealed.length / 2] ^= 0x01;

        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        SecretEnvelopeException e = assertThrows(SecretEnvelopeException.class,
                () -> SecretEnvelope.open(new ByteArrayInputStream(sealed), PASSPHRASE.toCharArray(), plain));
        assertEquals(Reason.MODIFIED, e.reason());
        assertEquals("message was modified (integrity check failed)", e.getMessage());

        Path tampered = Files.write(dir.resolve("tampered.gpg"), sealed);
        Result gpg = gpg(PASSPHRASE, "--output", dir.resolve("out.bin").toString(), "--decrypt",
                tampered.toString());
        assertNotEquals(0, gpg.exitCode(), "gpg accepted a modified message: " + gpg.stderr());
    }

    @Test
    void a_flipped_byte_in_the_integrity_code_itself_is_detected() throws Exception {
        byte[] sealed = Files.readAllBytes(seal(MARKER.getBytes(UTF_8), "db.password"));
        sealed[sealed.length - 3] ^= 0x40; // inside the encrypted SHA-1 of the MDC packet

        SecretEnvelopeException e = assertThrows(SecretEnvelopeException.class, () -> open(sealed, PASSPHRASE));

        assertEquals(Reason.MODIFIED, e.reason());
    }

    @Test
    void a_truncated_message_is_refused_wherever_it_is_cut() throws Exception {
        byte[] sealed = Files.readAllBytes(seal(binaryWithZeros(200_000), "secret.key"));

        for (int length : new int[] {sealed.length - 1, sealed.length - 22, sealed.length / 2, 40, 5}) {
            byte[] cut = Arrays.copyOf(sealed, length);
            SecretEnvelopeException e = assertThrows(SecretEnvelopeException.class, () -> open(cut, PASSPHRASE),
                    "cut to " + length + " bytes");
            assertEquals(Reason.TRUNCATED, e.reason(), "cut to " + length + " bytes: " + e.getMessage());
        }
    }

    @Test
    void a_seal_interrupted_by_a_read_error_leaves_a_message_that_does_not_open() throws Exception {
        byte[] secret = binaryWithZeros(500_000);
        InputStream failsHalfway = new SequenceInputStream(new ByteArrayInputStream(secret, 0, 250_000),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("disk read error");
                    }
                });
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        IOException readError = assertThrows(IOException.class,
                () -> SecretEnvelope.seal(failsHalfway, "secret.key", PASSPHRASE.toCharArray(), out));
        assertEquals("disk read error", readError.getMessage());

        SecretEnvelopeException e = assertThrows(SecretEnvelopeException.class,
                () -> open(out.toByteArray(), PASSPHRASE));
        assertEquals(Reason.TRUNCATED, e.reason());
    }

    @Test
    void the_sealed_file_does_not_contain_the_secret() throws Exception {
        byte[] secret = (MARKER + "\n").repeat(1000).getBytes(UTF_8);

        byte[] sealed = Files.readAllBytes(seal(secret, "db.password"));

        assertEquals(-1, indexOf(sealed, MARKER.getBytes(UTF_8)));
        assertEquals(-1, indexOf(sealed, "S3cr3t".getBytes(UTF_8)));
        assertArrayEquals(secret, open(sealed, PASSPHRASE));
    }

    @Test
    void sealing_the_same_secret_twice_gives_different_messages() throws Exception {
        byte[] secret = MARKER.getBytes(UTF_8);

        byte[] first = Files.readAllBytes(seal(secret, "db.password"));
        byte[] second = Files.readAllBytes(seal(secret, "db.password"));

        assertFalse(Arrays.equals(first, second));
        // the salt sits in the clear key packet, the IV in the encrypted part: both must differ
        assertFalse(Arrays.equals(Arrays.copyOfRange(first, 0, 20), Arrays.copyOfRange(second, 0, 20)));
        assertArrayEquals(secret, open(first, PASSPHRASE));
        assertArrayEquals(secret, open(second, PASSPHRASE));
    }

    @Test
    void an_empty_file_round_trips_through_gpg() throws Exception {
        Path sealed = seal(new byte[0], "empty");

        Path decrypted = dir.resolve("decrypted.bin");
        Result gpg = gpg(PASSPHRASE, "--output", decrypted.toString(), "--decrypt", sealed.toString());

        assertEquals(0, gpg.exitCode(), gpg.stderr());
        assertEquals(0, Files.size(decrypted));
        assertArrayEquals(new byte[0], open(Files.readAllBytes(sealed), PASSPHRASE));
    }

    @Test
    void an_empty_passphrase_is_refused_for_sealing_and_opening() {
        SecretEnvelopeException sealing = assertThrows(SecretEnvelopeException.class,
                () -> SecretEnvelope.seal(new ByteArrayInputStream(new byte[1]), "x", new char[0],
                        OutputStream.nullOutputStream()));
        assertEquals(Reason.EMPTY_PASSPHRASE, sealing.reason());
        assertTrue(sealing.getMessage().contains("passphrase is empty"), sealing.getMessage());

        SecretEnvelopeException opening = assertThrows(SecretEnvelopeException.class,
                () -> SecretEnvelope.open(new ByteArrayInputStream(new byte[1]), null,
                        OutputStream.nullOutputStream()));
        assertEquals(Reason.EMPTY_PASSPHRASE, opening.reason());
    }

    @Test
    void a_passphrase_gpg_could_not_be_given_is_refused() {
        SecretEnvelopeException e = assertThrows(SecretEnvelopeException.class,
                () -> SecretEnvelope.seal(new ByteArrayInputStream(new byte[1]), "x", "two\nlines".toCharArray(),
                        OutputStream.nullOutputStream()));

        assertEquals(Reason.PASSPHRASE_WITH_LINE_BREAK, e.reason());
    }

    @Test
    void something_that_is_not_openpgp_is_named_so() {
        for (byte[] notPgp : new byte[][] {
                "just a text file\n".getBytes(UTF_8), new byte[0], binaryWithZeros(4096), {(byte) 0xC3, 0x00}}) {
            SecretEnvelopeException e = assertThrows(SecretEnvelopeException.class, () -> open(notPgp, PASSPHRASE));
            assertTrue(e.reason() == Reason.NOT_OPENPGP || e.reason() == Reason.TRUNCATED,
                    e.reason() + ": " + e.getMessage());
        }
        SecretEnvelopeException text = assertThrows(SecretEnvelopeException.class,
                () -> open("just a text file\n".getBytes(UTF_8), PASSPHRASE));
        assertEquals("not an OpenPGP message", text.getMessage());
    }

    @Test
    void a_message_without_integrity_protection_is_refused() throws Exception {
        byte[] unprotected = encryptWithBouncyCastle(new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                .setWithIntegrityPacket(false));

        SecretEnvelopeException e = assertThrows(SecretEnvelopeException.class,
                () -> open(unprotected, PASSPHRASE));

        assertEquals(Reason.NOT_INTEGRITY_PROTECTED, e.reason());
    }

    @Test
    void an_aead_message_as_newer_gpg_writes_it_opens_and_its_tampering_is_detected() throws Exception {
        byte[] aead = encryptWithBouncyCastle(new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                .setWithAEAD(AEADAlgorithmTags.OCB, 6).setUseV5AEAD());

        assertArrayEquals(MARKER.getBytes(UTF_8), open(aead, PASSPHRASE));

        aead[aead.length - 20] ^= 0x01;
        SecretEnvelopeException e = assertThrows(SecretEnvelopeException.class, () -> open(aead, PASSPHRASE));
        assertEquals(Reason.MODIFIED, e.reason());
    }

    private Path seal(byte[] secret, String name) throws IOException {
        Path sealed = dir.resolve(name + "-" + (++processes) + ".gpg");
        try (OutputStream out = Files.newOutputStream(sealed)) {
            SecretEnvelope.seal(new ByteArrayInputStream(secret), name, PASSPHRASE.toCharArray(), out);
        }
        return sealed;
    }

    private static byte[] open(byte[] sealed, String passphrase) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        SecretEnvelope.open(new ByteArrayInputStream(sealed), passphrase.toCharArray(), plain);
        return plain.toByteArray();
    }

    /** Random bytes with runs of zeros, so nothing treats the content as a C string or text. */
    private static byte[] binaryWithZeros(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        for (int i = 0; i < size; i += 997) {
            Arrays.fill(bytes, i, Math.min(size, i + 64), (byte) 0);
        }
        return bytes;
    }

    private static byte[] encryptWithBouncyCastle(BcPGPDataEncryptorBuilder encryptor)
            throws IOException, PGPException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(encryptor);
        generator.addMethod(new BcPBEKeyEncryptionMethodGenerator(PASSPHRASE.toCharArray()));
        try (OutputStream encrypted = generator.open(out, new byte[1 << 16]);
                OutputStream literal = new PGPLiteralDataGenerator().open(encrypted, PGPLiteralData.BINARY, "x",
                        PGPLiteralData.NOW, new byte[1 << 16])) {
            literal.write(MARKER.getBytes(UTF_8));
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    /** Runs gpg non-interactively in this test's GNUPGHOME, the passphrase on stdin, and never caches it. */
    private Result gpg(String passphrase, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(GPG.toString(), "--homedir", gnupgHome.toString(), "--batch",
                "--no-tty", "--yes", "--pinentry-mode", "loopback", "--passphrase-fd", "0", "--no-symkey-cache"));
        command.addAll(List.of(args));
        return run(command, passphrase + "\n");
    }

    private Result run(List<String> command, String stdin) throws Exception {
        int n = ++processes;
        Path stdout = dir.resolve("process-" + n + ".out");
        Path stderr = dir.resolve("process-" + n + ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(UTF_8));
            }
        }
        if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("timed out after " + PROCESS_TIMEOUT_SECONDS + " s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }
}
