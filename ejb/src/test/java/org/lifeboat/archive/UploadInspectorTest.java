package org.lifeboat.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploaded packages are untrusted: a genuine package passes, and a corpus of hostile ones, each a genuine package
 * (written by {@link FramedPartFile} and {@link PackageSealer}) with one thing broken, is refused with the reason
 * and a message naming the entry or row.
 */
class UploadInspectorTest {

    private static final Instant WHEN = Instant.parse("2026-11-21T02:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final UploadInspector.Limits LIMITS = UploadInspector.Limits.defaults();
    private static final String MANIFEST = Manifest.ENTRY_NAME;
    private static final String USERS = EntryNames.tableEntry("public", "users_user");
    private static final String GROUPS = EntryNames.tableEntry("public", "auth_group");
    private static final String EMPTY = EntryNames.tableEntry("audit", "purged_events");
    private static final String LONG_NAME = "docs/" + "a-rather-long-file-name-".repeat(5) + "Übersicht.pdf";

    @TempDir
    Path dir;

    // ---- genuine packages pass

    @Test
    void a_database_package_written_by_the_sealer_passes_and_its_manifest_is_returned() throws IOException {
        Manifest manifest = UploadInspector.inspect(sealed(false), LIMITS);

        assertEquals("edms", manifest.source());
        assertEquals("database", manifest.scope());
        assertEquals(List.of(25L, 2L, 0L), manifest.tables().stream().map(Manifest.TableEntry::rows).toList());
        assertEquals(4, manifest.entries().size());
    }

    @Test
    void a_full_backup_with_storage_links_that_stay_inside_their_root_passes() throws IOException {
        Manifest manifest = UploadInspector.inspect(sealed(true), LIMITS);

        assertEquals(List.of("latest", "docs/up"), manifest.storage().stream().filter(f -> f.link() != null)
                .map(Manifest.StoredFile::path).toList());
        assertEquals("configuration/app/app.env", manifest.configuration().get(0).entry());
        assertEquals("secrets/secrets.tar.gpg", manifest.secrets().entry());
    }

    // ---- the server's signature (manifest.sig)

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** A genuine package with a signature entry of its manifest inserted at {@code index}. */
    private Crafted signed(int index, byte[] signature) throws IOException {
        Crafted p = crafted(false);
        byte[] manifest = JSON.writeValueAsBytes(p.manifest);
        p.rawManifest = manifest;
        p.items.add(index, Item.file(PackageSignature.ENTRY_NAME,
                signature != null ? signature : PackageSignature.create(KEY, manifest)));
        return p;
    }

    @Test
    void a_package_signed_right_after_its_manifest_passes_and_its_signature_verifies() throws IOException {
        Path file = signed(1, null).write();

        assertEquals("edms", UploadInspector.inspect(file, LIMITS).source());
        assertTrue(PackageVerifier.verifyChecksums(file).ok(), PackageVerifier.verifyChecksums(file).problems()
                .toString());
        PackageSignature.Signed read = PackageSignature.read(file);
        assertTrue(PackageSignature.verifies(KEY, read.manifest(), read.signature().orElseThrow()));
    }

    @Test
    void a_signature_entry_anywhere_but_second_is_refused() throws IOException {
        refused(signed(3, null).write(), "unlisted-entry", PackageSignature.ENTRY_NAME, "second");
    }

    @Test
    void a_signature_entry_big_enough_to_carry_data_is_refused() throws IOException {
        refused(signed(1, new byte[PackageSignature.MAX_BYTES + 1]).write(), "too-large", PackageSignature.ENTRY_NAME);
    }

    @Test
    void a_signature_entry_that_is_a_link_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.items.add(1, Item.link(PackageSignature.ENTRY_NAME, "/etc/passwd"));

        refused(p.write(), "link-entry", PackageSignature.ENTRY_NAME);
    }

    // ---- names that would land elsewhere when extracted

    @Test
    void an_entry_climbing_out_with_dot_dot_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.items.add(Item.file("../x", "owned".getBytes(StandardCharsets.UTF_8)));

        refused(p.write(), "path-traversal", "../x");
    }

    @Test
    void an_entry_climbing_out_of_its_storage_root_in_the_middle_of_its_name_is_refused() throws IOException {
        Crafted p = crafted(true);
        p.items.add(Item.file("storage/media/../../x", "owned".getBytes(StandardCharsets.UTF_8)));

        refused(p.write(), "path-traversal", "storage/media/../../x");
    }

    @Test
    void an_absolute_entry_name_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.items.add(Item.file("/etc/cron.d/lifeboat", "* * * * * root sh".getBytes(StandardCharsets.UTF_8)));

        refused(p.write(), "absolute-path", "/etc/cron.d/lifeboat");
    }

    @Test
    void an_entry_name_with_a_control_character_is_refused_and_shown_escaped() throws IOException {
        Crafted p = crafted(false);
        p.items.add(Item.file("data/evil\u0007name.jsonl.gz", new byte[] {1}));

        refused(p.write(), "bad-entry-name", "data/evil\\u0007name.jsonl.gz");
    }

    @Test
    void an_entry_with_an_empty_name_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.items.add(Item.file("", new byte[] {1}));

        refused(p.write(), "bad-entry-name", "entry #6", "after entry " + EMPTY, "empty name");
    }

    @Test
    void an_entry_name_starting_with_dot_slash_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.items.add(Item.file("./data/x.jsonl.gz", new byte[] {1}));

        refused(p.write(), "bad-entry-name", "./data/x.jsonl.gz");
    }

    @Test
    void an_entry_name_with_backslashes_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.items.add(Item.file("data\\..\\..\\x", new byte[] {1}));

        refused(p.write(), "bad-entry-name", "data\\..\\..\\x", "backslash");
    }

    @Test
    void a_pax_header_larger_than_the_header_budget_is_refused_before_it_is_read_into_memory() throws IOException {
        Crafted p = crafted(false);
        p.items.add(new Item("PaxHeaders/huge", TarConstants.LF_PAX_EXTENDED_HEADER_LC,
                paxRecord("path", "data/" + "n".repeat(300_000)), null));
        p.items.add(Item.file("data/short.jsonl.gz", new byte[] {1}));

        refused(p.write(), "corrupt-header", "after entry " + EMPTY, "PAX");
    }

    // ---- links, devices and other non-files

    @Test
    void a_symbolic_link_the_manifest_does_not_declare_is_refused() throws IOException {
        Crafted p = crafted(true);
        p.items.add(Item.link("storage/media/passwd", "../../../../etc/passwd"));

        refused(p.write(), "link-entry", "storage/media/passwd");
    }

    @Test
    void a_declared_symbolic_link_leaving_its_storage_root_is_refused() throws IOException {
        Crafted p = crafted(true);
        p.items.add(Item.link("storage/media/docs/passwd", "../../../etc/passwd"));
        p.declareLink("media", "docs/passwd", "../../../etc/passwd");

        refused(p.write(), "path-traversal", "storage/media/docs/passwd", "leaves its storage root");
    }

    @Test
    void a_link_that_climbs_after_a_name_is_refused_since_the_name_may_be_a_link_on_disk() throws IOException {
        // the second upload of the link-chain attack: y was placed by an earlier restore, so y/.. is not "."
        Crafted p = crafted(true);
        String z = "sub/a/b/c/d/e/f/g/z";
        p.items.add(Item.link("storage/media/" + z, "y/../../../../../../../.."));
        p.declareLink("media", z, "y/../../../../../../../..");

        refused(p.write(), "path-traversal", "storage/media/" + z, "after a name");
    }

    @Test
    void a_link_to_its_storage_root_itself_is_refused() throws IOException {
        // the first upload of the link-chain attack
        Crafted p = crafted(true);
        String y = "sub/a/b/c/d/e/f/g/y";
        p.items.add(Item.link("storage/media/" + y, "../../../../../../../.."));
        p.declareLink("media", y, "../../../../../../../..");

        refused(p.write(), "path-traversal", "storage/media/" + y, "storage root itself");
    }

    @Test
    void a_declared_symbolic_link_to_an_absolute_path_is_refused() throws IOException {
        Crafted p = crafted(true);
        p.items.add(Item.link("storage/media/passwd", "/etc/passwd"));
        p.declareLink("media", "passwd", "/etc/passwd");

        refused(p.write(), "absolute-path", "storage/media/passwd");
    }

    @Test
    void a_symbolic_link_pointing_elsewhere_than_the_manifest_says_is_refused() throws IOException {
        Crafted p = crafted(true);
        p.replace("storage/media/latest", Item.link("storage/media/latest", "docs/" + LONG_NAME));

        refused(p.write(), "link-entry", "storage/media/latest", "a.txt");
    }

    @Test
    void a_file_under_a_declared_link_is_refused_because_extracting_it_would_write_through_the_link()
            throws IOException {
        Crafted p = crafted(true);
        byte[] data = "x".getBytes(StandardCharsets.UTF_8);
        p.items.add(Item.file("storage/media/latest/x", data));
        p.declareFile("media", "latest/x", data);

        refused(p.write(), "path-traversal", "storage/media/latest/x", "storage/media/latest");
    }

    @Test
    void a_hard_link_is_refused() throws IOException {
        Crafted p = crafted(true);
        p.items.add(new Item("storage/media/hard", TarConstants.LF_LINK, null, "storage/media/a.txt"));

        refused(p.write(), "link-entry", "storage/media/hard", "hard link");
    }

    @Test
    void a_fifo_entry_is_refused() throws IOException {
        Crafted p = crafted(true);
        p.items.add(new Item("storage/media/pipe", TarConstants.LF_FIFO, null, null));

        refused(p.write(), "special-entry", "storage/media/pipe", "FIFO");
    }

    @Test
    void a_character_device_entry_is_refused() throws IOException {
        Crafted p = crafted(true);
        p.items.add(new Item("storage/media/null", TarConstants.LF_CHR, null, null));

        refused(p.write(), "special-entry", "storage/media/null", "device");
    }

    // ---- entries against the manifest

    @Test
    void an_entry_appearing_twice_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.items.add(p.item(USERS));

        refused(p.write(), "duplicate-entry", USERS);
    }

    @Test
    void a_second_manifest_later_in_the_archive_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.items.add(Item.file(MANIFEST, "{}".getBytes(StandardCharsets.UTF_8)));

        refused(p.write(), "duplicate-entry", MANIFEST);
    }

    @Test
    void an_entry_the_manifest_does_not_list_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.items.add(Item.file("data/public.smuggled.jsonl.zst", zstd("[\"1\"]\n")));

        refused(p.write(), "unlisted-entry", "data/public.smuggled.jsonl.zst");
    }

    @Test
    void a_listed_entry_missing_from_the_archive_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.items.remove(p.item(GROUPS));

        refused(p.write(), "missing-entry", GROUPS);
    }

    @Test
    void an_entry_whose_size_differs_from_the_manifest_is_refused() throws IOException {
        Crafted p = crafted(false);
        ObjectNode schema = p.listed(EntryNames.SCHEMA_ENTRY);
        schema.put("bytes", schema.get("bytes").asLong() + 1);

        refused(p.write(), "size-mismatch", EntryNames.SCHEMA_ENTRY);
    }

    @Test
    void a_bit_flipped_in_a_table_entry_fails_its_checksum() throws IOException {
        Path sealed = sealed(false);
        byte[] bytes = Files.readAllBytes(sealed);
        long offset = dataOffset(sealed, USERS);
        bytes[(int) offset + 40] ^= 0x10;

        refused(write("flipped.tar", bytes), "checksum-mismatch", USERS);
    }

    // ---- the manifest

    @Test
    void a_package_whose_manifest_is_not_first_is_refused() throws IOException {
        Crafted p = crafted(false);
        Item manifest = p.item(MANIFEST);
        p.items.remove(manifest);
        p.items.add(2, manifest);

        refused(p.write(), "manifest-not-first", MANIFEST, "#3", EntryNames.SCHEMA_ENTRY);
    }

    @Test
    void a_package_without_a_manifest_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.items.remove(p.item(MANIFEST));

        refused(p.write(), "manifest-missing", MANIFEST, EntryNames.SCHEMA_ENTRY);
    }

    @Test
    void a_manifest_that_is_not_json_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.rawManifest = "{\"formatVersion\": 1, \"source\": \"edms\", \"tables\": [".getBytes(StandardCharsets.UTF_8);

        refused(p.write(), "manifest-invalid-json", MANIFEST);
    }

    @Test
    void a_manifest_with_a_duplicate_key_is_refused() throws IOException {
        // which "source" counts would depend on the reader: a checker and a restorer could see two packages
        Crafted p = crafted(false);
        String json = JSON.writeValueAsString(p.manifest);
        p.rawManifest = json.replaceFirst("\\{", "{\"source\": \"hms\", ").getBytes(StandardCharsets.UTF_8);

        refused(p.write(), "manifest-invalid-json", MANIFEST, "source");
    }

    @Test
    void a_manifest_with_a_field_of_the_wrong_type_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.manifest.put("tables", "all of them");

        refused(p.write(), "manifest-invalid-json", MANIFEST, "tables");
    }

    @Test
    void a_manifest_of_an_unknown_format_version_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.manifest.put("formatVersion", 2);

        refused(p.write(), "manifest-unsupported-version", MANIFEST, "version 2");
    }

    @Test
    void a_source_name_that_could_become_a_path_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.manifest.put("source", "../../etc");

        refused(p.write(), "manifest-invalid-field", MANIFEST, "../../etc");
    }

    @Test
    void a_table_name_with_a_nul_character_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.table(USERS).put("name", "users\u0000user");

        refused(p.write(), "manifest-invalid-field", MANIFEST, "users\\u0000user", "NUL");
    }

    @Test
    void a_schema_fingerprint_that_is_not_the_one_of_the_tables_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.table(GROUPS).withArray("columns").addObject().put("name", "extra").put("type", "text");

        refused(p.write(), "manifest-invalid-field", MANIFEST, "schemaFingerprint");
    }

    @Test
    void a_table_stored_outside_data_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.table(USERS).put("entry", "storage/media/users.jsonl.gz");

        refused(p.write(), "bad-entry-name", "storage/media/users.jsonl.gz", USERS);
    }

    // ---- rows

    @Test
    void a_row_that_is_not_valid_json_is_refused_with_its_row_number() throws IOException {
        Crafted p = crafted(false);
        List<String> lines = usersLines();
        lines.set(2, "[\"2\",\"name 2\",nul]\n");
        p.setContent(USERS, zstd(String.join("", lines)));

        refused(p.write(), "row-invalid-json", "public.users_user", USERS, "row 3");
    }

    @Test
    void a_row_holding_a_number_instead_of_a_string_is_refused() throws IOException {
        Crafted p = crafted(false);
        List<String> lines = usersLines();
        lines.set(1, "[\"1\",1,null]\n");
        p.setContent(USERS, zstd(String.join("", lines)));

        refused(p.write(), "row-wrong-type", "public.users_user", "row 2", "value 2 is a JSON number");
    }

    @Test
    void a_row_with_too_few_values_is_refused() throws IOException {
        Crafted p = crafted(false);
        List<String> lines = usersLines();
        lines.set(3, "[\"3\",\"name 3\"]\n");
        p.setContent(USERS, zstd(String.join("", lines)));

        refused(p.write(), "row-wrong-width", "public.users_user", "row 4", "2 values for 3 columns");
    }

    @Test
    void two_rows_on_one_line_are_refused() throws IOException {
        Crafted p = crafted(false);
        List<String> lines = usersLines();
        lines.set(4, lines.get(4).replace("\n", " "));
        p.setContent(USERS, zstd(String.join("", lines)));

        refused(p.write(), "row-invalid-json", "public.users_user", "row 6");
    }

    @Test
    void a_table_with_more_rows_than_the_manifest_says_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.table(USERS).put("rows", 24);

        refused(p.write(), "row-count-mismatch", "public.users_user", "more rows than the 24");
    }

    @Test
    void a_table_with_fewer_rows_than_the_manifest_says_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.table(USERS).put("rows", 26);

        refused(p.write(), "row-count-mismatch", "public.users_user", "holds 25 rows, the manifest says 26");
    }

    @Test
    void a_table_entry_that_is_not_compressed_is_refused() throws IOException {
        Crafted p = crafted(false);
        p.setContent(USERS, String.join("", usersLines()).getBytes(StandardCharsets.UTF_8));

        refused(p.write(), "corrupt-table-entry", "public.users_user", USERS, "zstd");
    }

    @Test
    void a_zstd_bomb_is_stopped_by_the_ratio_guard_before_it_is_decompressed() throws IOException {
        Crafted p = crafted(false);
        byte[] text = new byte[64 << 20]; // 64 MiB of one value: zstd makes it a few kilobytes
        Arrays.fill(text, (byte) '0');
        byte[] row = "[\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(row, 0, text, 0, row.length);
        byte[] end = "\",null,null]\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(end, 0, text, text.length - end.length, end.length);
        byte[] bomb = Zstd.compress(text, 3);
        p.setContent(USERS, bomb);
        p.table(USERS).put("rows", 1);

        long start = System.nanoTime();
        InvalidPackageException e = refused(p.write(), LIMITS, "decompression-bomb", "public.users_user", USERS,
                bomb.length + " compressed bytes", "compression ratio");
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "the guard fired late: " + e.getMessage());
    }

    @Test
    void a_gzip_bomb_is_stopped_by_the_ratio_guard_too() throws IOException {
        Crafted p = crafted(false);
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bomb)) {
            gzip.write("[\"".getBytes(StandardCharsets.US_ASCII));
            byte[] zeros = new byte[1 << 20];
            Arrays.fill(zeros, (byte) '0');
            for (int i = 0; i < 16; i++) {
                gzip.write(zeros); // 16 MiB of text in about 16 KiB: deflate tops out near 1000:1
            }
            gzip.write("\",null,null]\n".getBytes(StandardCharsets.US_ASCII));
        }
        p.setContent(USERS, bomb.toByteArray());
        p.table(USERS).put("rows", 1);

        refused(p.write(), LIMITS.withMaxCompressionRatio(20), "decompression-bomb", "public.users_user", USERS,
                "compression ratio");
    }

    @Test
    void tables_decompressing_past_the_total_cap_are_refused() throws IOException {
        refused(sealed(false), LIMITS.withMaxUncompressedBytes(100), "decompression-bomb", USERS, "total");
    }

    // ---- broken files

    @Test
    void a_package_cut_in_the_middle_of_an_entry_is_refused_as_truncated() throws IOException {
        Path sealed = sealed(false);
        byte[] bytes = Files.readAllBytes(sealed);
        int cut = (int) dataOffset(sealed, USERS) + 30;

        refused(write("cut-entry.tar", Arrays.copyOf(bytes, cut)), "truncated", USERS, "cut short");
    }

    @Test
    void a_package_cut_in_the_middle_of_a_tar_header_is_refused_as_truncated() throws IOException {
        Path sealed = sealed(false);
        byte[] bytes = Files.readAllBytes(sealed);
        int cut = (int) dataOffset(sealed, GROUPS) - 512 + 200;

        refused(write("cut-header.tar", Arrays.copyOf(bytes, cut)), "truncated", "after entry " + USERS);
    }

    @Test
    void a_package_cut_just_before_its_end_marker_is_refused_as_truncated() throws IOException {
        Path sealed = sealed(false);
        byte[] bytes = Files.readAllBytes(sealed);
        long end = dataOffset(sealed, EMPTY) + entrySize(sealed, EMPTY);
        int cut = (int) ((end + 511) / 512 * 512);

        refused(write("cut-end.tar", Arrays.copyOf(bytes, cut)), "truncated", EMPTY, "end-of-archive");
    }

    @Test
    void data_appended_after_the_archive_is_refused() throws IOException {
        byte[] bytes = Files.readAllBytes(sealed(false));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1024);
        System.arraycopy("PK\u0003\u0004 hidden".getBytes(StandardCharsets.ISO_8859_1), 0, longer, bytes.length, 11);

        refused(write("appended.tar", longer), "trailing-data", "offset " + bytes.length);
    }

    @Test
    void random_bytes_are_not_a_tar() throws IOException {
        byte[] noise = new byte[64 << 10];
        new Random(7).nextBytes(noise);

        refused(write("noise.tar", noise), "not-a-tar", "first header");
    }

    @Test
    void a_zip_file_is_not_a_tar() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry(MANIFEST));
            out.write("{\"formatVersion\":1}".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            byte[] noise = new byte[4096];
            new Random(11).nextBytes(noise);
            out.putNextEntry(new ZipEntry("data/public.users_user.jsonl.gz"));
            out.write(noise);
            out.closeEntry();
        }

        refused(write("package.zip", zip.toByteArray()), "not-a-tar", "not a tar archive");
    }

    @Test
    void an_empty_file_is_not_a_tar() throws IOException {
        refused(write("empty.tar", new byte[0]), "not-a-tar", "empty");
    }

    @Test
    void a_symbolic_link_given_as_the_package_is_not_followed() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.tar"), sealed(false));

        refused(link, "not-a-file", "link.tar");
    }

    // ---- limits

    @Test
    void more_entries_than_allowed_are_refused_at_the_first_one_past_the_limit() throws IOException {
        Crafted p = crafted(false);
        p.items.add(Item.file("data/public.extra.jsonl.gz", new byte[] {1}));

        refused(p.write(), LIMITS.withMaxEntries(5), "too-many-entries", "data/public.extra.jsonl.gz", "5");
    }

    @Test
    void a_manifest_listing_more_entries_than_allowed_is_refused_before_reading_them() throws IOException {
        refused(sealed(false), LIMITS.withMaxEntries(3), "too-many-entries", MANIFEST, "lists 5 entries");
    }

    @Test
    void a_file_larger_than_allowed_is_refused() throws IOException {
        Path sealed = sealed(false);

        refused(sealed, LIMITS.withMaxFileBytes(Files.size(sealed) - 1), "too-large", "bytes");
    }

    @Test
    void a_manifest_larger_than_allowed_is_refused() throws IOException {
        refused(sealed(false), LIMITS.withMaxManifestBytes(100), "too-large", MANIFEST);
    }

    // ---- fuzzing

    @Test
    void random_damage_to_a_valid_package_is_always_refused_as_an_invalid_package_and_quickly() throws IOException {
        Path sealed = sealed(true);
        byte[] valid = Files.readAllBytes(sealed);
        List<Integer> headers = new ArrayList<>();
        try (TarFile tar = new TarFile(sealed)) {
            tar.getEntries().forEach(e -> headers.add((int) e.getDataOffset() - 512));
        }
        Random random = new Random(20261121L);
        Path mutant = dir.resolve("mutant.tar");
        Map<String, Integer> reasons = new TreeMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            byte[] bytes = mutate(valid, headers, random);
            Files.write(mutant, bytes);
            try {
                UploadInspector.inspect(mutant, LIMITS);
                reasons.merge("(accepted)", 1, Integer::sum);
            } catch (InvalidPackageException e) {
                reasons.merge(e.reason(), 1, Integer::sum);
            } catch (Throwable t) {
                fail("mutation " + i + " made the inspector throw " + t + " instead of InvalidPackageException", t);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("300 mutations inspected in " + millis + " ms: " + reasons);
        assertTrue(millis < 20_000, "300 inspections took " + millis + " ms");
        assertTrue(reasons.size() >= 5, "the mutations should hit many kinds of damage: " + reasons);
    }

    @Test
    void random_damage_to_rows_behind_correct_checksums_reaches_the_decoder_and_parser_and_is_refused()
            throws IOException {
        Crafted p = crafted(false);
        byte[] text = String.join("", usersLines()).getBytes(StandardCharsets.UTF_8);
        byte[] frame = Zstd.compress(text, 1);
        Random random = new Random(1121L);
        Map<String, Integer> reasons = new TreeMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            // half the time the frame is damaged, half the time the rows are and then compressed properly
            boolean rowsDamaged = i % 2 == 0;
            byte[] bytes = (rowsDamaged ? text : frame).clone();
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                int at = random.nextInt(bytes.length);
                bytes[at] = rowsDamaged ? (byte) "[]\",\\n0 ".charAt(random.nextInt(8)) : (byte) random.nextInt(256);
            }
            p.setContent(USERS, rowsDamaged ? Zstd.compress(bytes, 1) : bytes);
            try {
                UploadInspector.inspect(p.write(), LIMITS);
                reasons.merge("(accepted)", 1, Integer::sum);
            } catch (InvalidPackageException e) {
                assertTrue(e.getMessage().contains(USERS), e.getMessage());
                reasons.merge(e.reason(), 1, Integer::sum);
            } catch (Throwable t) {
                fail("damage " + i + " made the inspector throw " + t + " instead of InvalidPackageException", t);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("300 damaged tables inspected in " + millis + " ms: " + reasons);
        assertTrue(millis < 20_000, "300 inspections took " + millis + " ms");
    }

    /** One random kind of damage: a few bytes changed anywhere or in a header, a burst of noise, or a cut. */
    private static byte[] mutate(byte[] valid, List<Integer> headers, Random random) {
        byte[] bytes = valid.clone();
        int kind = random.nextInt(10);
        if (kind == 9) {
            return Arrays.copyOf(bytes, random.nextInt(bytes.length));
        }
        int header = headers.get(random.nextInt(headers.size()));
        if (kind == 8) {
            int at = header + random.nextInt(512);
            for (int i = at; i < Math.min(bytes.length, at + 1 + random.nextInt(64)); i++) {
                bytes[i] = (byte) random.nextInt(256);
            }
            return bytes;
        }
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            int at = kind < 4 ? random.nextInt(bytes.length) : header + random.nextInt(512);
            // headers are octal digits, spaces and NULs: plausible values reach deeper into the parser
            bytes[at] = kind == 7 ? (byte) "01234567 \0x"
                    .charAt(random.nextInt(11)) : (byte) (bytes[at] ^ (1 << random.nextInt(8)));
        }
        return bytes;
    }

    // ---- building genuine packages

    /** A genuine package, written the way a backup writes one; {@code full} adds storage, configuration, secrets. */
    private Path sealed(boolean full) throws IOException {
        Path work = Files.createDirectories(dir.resolve(full ? "work-full" : "work-database"));
        List<PackageSealer.SourceEntry> sources = new ArrayList<>();
        Path schema = work.resolve("schema.sql");
        Files.writeString(schema, "CREATE TABLE public.users_user (id integer PRIMARY KEY, name text, note text);\n");
        sources.add(new PackageSealer.SourceEntry(EntryNames.SCHEMA_ENTRY, List.of(schema)));

        List<Manifest.ColumnInfo> userColumns = List.of(new Manifest.ColumnInfo("id", "integer", "base", true),
                new Manifest.ColumnInfo("name", "text", "base", false),
                new Manifest.ColumnInfo("note", "text", "base", false));
        List<Manifest.ColumnInfo> groupColumns = List.of(new Manifest.ColumnInfo("id", "integer", "base", true),
                new Manifest.ColumnInfo("name", "character varying(150)", "base", false));
        List<Manifest.TableEntry> tables = new ArrayList<>();
        tables.add(table(sources, "public", "users_user", userColumns, 25,
                part(work.resolve("users-0.gz"), users(0, 10), users(10, 20)),
                part(work.resolve("users-1.gz"), users(20, 25))));
        tables.add(table(sources, "public", "auth_group", groupColumns, 2,
                part(work.resolve("groups-0.gz"), List.of(new String[] {"1", "admins"}, new String[] {"2", null}))));
        tables.add(table(sources, "audit", "purged_events", userColumns, 0,
                part(work.resolve("purged-0.gz"), List.of())));

        List<Manifest.StoredFile> storage = new ArrayList<>();
        List<Manifest.StoredFile> configuration = new ArrayList<>();
        List<Manifest.SkippedFile> skipped = new ArrayList<>();
        Manifest.Secrets secrets = null;
        if (full) {
            storage.add(stored(sources, work, "media", "a.txt", "the first attachment\n"));
            storage.add(stored(sources, work, "media", LONG_NAME, "%PDF-1.7 not really\n"));
            storage.add(new Manifest.StoredFile("media", "latest", "storage/media/latest", 0, null, "a.txt"));
            sources.add(new PackageSealer.SourceEntry("storage/media/latest", List.of(), "a.txt"));
            storage.add(new Manifest.StoredFile("media", "docs/up", "storage/media/docs/up", 0, null, "../a.txt"));
            sources.add(new PackageSealer.SourceEntry("storage/media/docs/up", List.of(), "../a.txt"));
            skipped.add(new Manifest.SkippedFile("media", "etc", "symbolic link to /etc leaves the storage root;"
                    + " links are not followed"));
            Path env = work.resolve("app.env");
            Files.writeString(env, "DJANGO_DEBUG=false\n");
            PackageSealer.SourceEntry envEntry =
                    new PackageSealer.SourceEntry("configuration/app/app.env", List.of(env));
            sources.add(envEntry);
            PackageSealer.Digest d = PackageSealer.digest(envEntry);
            configuration.add(new Manifest.StoredFile(null, "app/app.env", envEntry.name(), d.bytes(), d.sha256(),
                    null));
            Path sealedSecrets = work.resolve("secrets.tar.gpg");
            byte[] noise = new byte[300];
            new Random(3).nextBytes(noise);
            Files.write(sealedSecrets, noise);
            sources.add(new PackageSealer.SourceEntry("secrets/secrets.tar.gpg", List.of(sealedSecrets)));
            secrets = new Manifest.Secrets("secrets/secrets.tar.gpg", List.of("app/.env"), "OpenPGP AES-256");
        }
        List<Manifest.Entry> digests = new ArrayList<>();
        for (PackageSealer.SourceEntry source : sources) {
            if (source.linkTarget() == null) {
                PackageSealer.Digest d = PackageSealer.digest(source);
                digests.add(new Manifest.Entry(source.name(), d.sha256(), d.bytes()));
            }
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("TimeZone", "UTC");
        settings.put("bytea_output", "hex");
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, "edms", full ? "full" : "database",
                WHEN.toString(), WHEN.plusSeconds(42).toString(), "1.0.0", "16.4", Manifest.fingerprint(tables),
                new Manifest.Snapshot(List.of("00000003-0000001B-1"), false, null), settings,
                new Manifest.SchemaInfo(true, EntryNames.SCHEMA_ENTRY, "pg_dump (PostgreSQL) 16.4", null), tables,
                List.of(new Manifest.SequenceValue("public", "users_user_id_seq", 25, true, "public.users_user",
                        "id")),
                storage, skipped, configuration, secrets, digests);
        Path target = dir.resolve("edms-" + (full ? "full" : "database") + "-20261121T020000Z-1.lifeboat.tar");
        PackageSealer.seal(target, JSON.writeValueAsBytes(manifest), sources, WHEN);
        return target;
    }

    private static Manifest.TableEntry table(List<PackageSealer.SourceEntry> sources, String schema, String name,
                                             List<Manifest.ColumnInfo> columns, long rows, Path... parts)
            throws IOException {
        PackageSealer.SourceEntry entry =
                new PackageSealer.SourceEntry(EntryNames.tableEntry(schema, name), List.of(parts));
        sources.add(entry);
        PackageSealer.Digest d = PackageSealer.digest(entry);
        return new Manifest.TableEntry(schema, name, entry.name(), columns, List.of("id"), rows, d.sha256(),
                d.bytes(), parts.length);
    }

    private static Manifest.StoredFile stored(List<PackageSealer.SourceEntry> sources, Path work, String root,
                                              String path, String content) throws IOException {
        Path copy = work.resolve("storage").resolve(root).resolve(path);
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, content);
        PackageSealer.SourceEntry entry =
                new PackageSealer.SourceEntry("storage/" + root + "/" + path, List.of(copy));
        sources.add(entry);
        PackageSealer.Digest d = PackageSealer.digest(entry);
        return new Manifest.StoredFile(root, path, entry.name(), d.bytes(), d.sha256(), null);
    }

    @SafeVarargs
    private static Path part(Path file, List<String[]>... frames) throws IOException {
        try (FramedPartFile part = FramedPartFile.open(file, null, 6)) {
            for (List<String[]> frame : frames) {
                part.appendFrame(frame);
            }
        }
        return file;
    }

    private static List<String[]> users(int from, int to) {
        List<String[]> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(new String[] {Integer.toString(i), "name " + i, i % 3 == 0 ? null : "line\n\"quoted\""});
        }
        return rows;
    }

    /** The lines of the users table as the encoder writes them, one string per row including its line break. */
    private static List<String> usersLines() {
        List<String> lines = new ArrayList<>();
        for (String[] row : users(0, 25)) {
            ByteSink line = new ByteSink(256);
            RowEncoder.encode(row, line);
            lines.add(line.toString());
        }
        return lines;
    }

    /** Rows as one zstd frame, as the package format stores them. */
    private static byte[] zstd(String text) {
        return Zstd.compress(text.getBytes(StandardCharsets.UTF_8), 1);
    }

    /** One PAX extended header record: its length (counting itself), the key and the value. */
    private static byte[] paxRecord(String key, String value) {
        int body = key.length() + value.length() + 3;
        int length = body + Integer.toString(body).length();
        if (Integer.toString(length).length() != Integer.toString(body).length()) {
            length++;
        }
        return (length + " " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static long dataOffset(Path tarFile, String name) throws IOException {
        try (TarFile tar = new TarFile(tarFile)) {
            return tar.getEntries().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow()
                    .getDataOffset();
        }
    }

    private static long entrySize(Path tarFile, String name) throws IOException {
        try (TarFile tar = new TarFile(tarFile)) {
            return tar.getEntries().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow()
                    .getSize();
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static InvalidPackageException refused(Path file, String reason, String... named) {
        return refused(file, LIMITS, reason, named);
    }

    private static InvalidPackageException refused(Path file, UploadInspector.Limits limits, String reason,
                                                   String... named) {
        InvalidPackageException e =
                assertThrows(InvalidPackageException.class, () -> UploadInspector.inspect(file, limits));
        assertEquals(reason, e.reason(), e.getMessage());
        for (String n : named) {
            assertTrue(e.getMessage().contains(n), "the message should name " + n + ": " + e.getMessage());
        }
        return e;
    }

    // ---- tampering with a genuine package

    private Crafted crafted(boolean full) throws IOException {
        return new Crafted(sealed(full), dir.resolve("crafted-" + (full ? "full" : "database") + ".tar"));
    }

    /** One tar entry to write: a file (data), a link (link) or another type (neither). */
    private record Item(String name, byte type, byte[] data, String link) {
        static Item file(String name, byte[] data) {
            return new Item(name, TarConstants.LF_NORMAL, data, null);
        }

        static Item link(String name, String target) {
            return new Item(name, TarConstants.LF_SYMLINK, null, target);
        }
    }

    /**
     * A genuine package taken apart for tampering: its entries in order (the manifest's data is rendered from
     * {@link #manifest} when written, unless {@link #rawManifest} is set) and its manifest as a JSON tree.
     */
    private static final class Crafted {

        final List<Item> items = new ArrayList<>();
        final ObjectNode manifest;
        final Path target;
        byte[] rawManifest;

        Crafted(Path sealed, Path target) throws IOException {
            this.target = target;
            ObjectNode tree = null;
            try (InputStream file = Files.newInputStream(sealed);
                 TarArchiveInputStream tar = new TarArchiveInputStream(file, "UTF-8")) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    if (e.isSymbolicLink()) {
                        items.add(Item.link(e.getName(), e.getLinkName()));
                    } else if (e.getName().equals(MANIFEST)) {
                        tree = (ObjectNode) JSON.readTree(tar.readAllBytes());
                        items.add(Item.file(MANIFEST, null));
                    } else {
                        items.add(Item.file(e.getName(), tar.readAllBytes()));
                    }
                }
            }
            this.manifest = tree;
        }

        Item item(String name) {
            return items.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
        }

        void replace(String name, Item with) {
            items.set(items.indexOf(item(name)), with);
        }

        ObjectNode listed(String name) {
            for (JsonNode e : manifest.withArray("entries")) {
                if (e.get("name").asText().equals(name)) {
                    return (ObjectNode) e;
                }
            }
            throw new AssertionError("not listed: " + name);
        }

        ObjectNode table(String entry) {
            for (JsonNode t : manifest.withArray("tables")) {
                if (t.get("entry").asText().equals(entry)) {
                    return (ObjectNode) t;
                }
            }
            throw new AssertionError("no table stored as " + entry);
        }

        /** New content for an entry, with the manifest's digests updated to match (so only the content is wrong). */
        void setContent(String name, byte[] data) {
            replace(name, Item.file(name, data));
            String sha256 = sha256(data);
            listed(name).put("sha256", sha256).put("bytes", data.length);
            table(name).put("sha256", sha256).put("bytes", data.length);
        }

        void declareLink(String root, String path, String target) {
            ObjectNode link = manifest.withArray("storage").addObject();
            link.put("root", root).put("path", path).put("entry", "storage/" + root + "/" + path).put("bytes", 0)
                    .put("link", target);
        }

        void declareFile(String root, String path, byte[] data) {
            String entry = "storage/" + root + "/" + path;
            manifest.withArray("storage").addObject().put("root", root).put("path", path).put("entry", entry)
                    .put("bytes", data.length).put("sha256", sha256(data));
            ArrayNode entries = manifest.withArray("entries");
            entries.addObject().put("name", entry).put("sha256", sha256(data)).put("bytes", data.length);
        }

        Path write() throws IOException {
            byte[] manifestBytes = rawManifest != null ? rawManifest : JSON.writeValueAsBytes(manifest);
            try (OutputStream file = Files.newOutputStream(target);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(file, "UTF-8")) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (Item item : items) {
                    byte[] data = item.name().equals(MANIFEST) && item.data() == null ? manifestBytes : item.data();
                    TarArchiveEntry entry = new TarArchiveEntry(item.name(), item.type(), true);
                    entry.setModTime(WHEN.toEpochMilli());
                    if (item.link() != null) {
                        entry.setLinkName(item.link());
                    }
                    if (data != null) {
                        entry.setSize(data.length);
                    }
                    tar.putArchiveEntry(entry);
                    if (data != null) {
                        tar.write(data);
                    }
                    tar.closeArchiveEntry();
                }
                tar.finish();
            }
            return target;
        }

        private static String sha256(byte[] data) {
            return HexFormat.of().formatHex(PackageSealer.sha256().digest(data));
        }
    }
}
