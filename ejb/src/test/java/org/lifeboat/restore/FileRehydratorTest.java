package org.lifeboat.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.archive.Manifest;
import org.lifeboat.backup.FileCollector;
import org.lifeboat.source.Profile;

/** Rehydration never writes through a link on disk, and never places a link that leaves its root. */
class FileRehydratorTest {

    private static final String DEEP = "sub/a/b/c/d/e/f/g";

    @TempDir
    Path dir;

    private Path sources() throws Exception {
        return Files.createDirectories(dir.resolve("sources"));
    }

    private static Profile profile() {
        return new Profile("edms", null, "java:/x", null, null, null, null, null, null, null,
                List.of(new Profile.StorageRoot("media", "edms/media")), List.of("edms/config/app.env"),
                List.of("edms/config/secret.key"), null, null, null, null);
    }

    private static Manifest manifest(List<Manifest.StoredFile> storage, List<Manifest.StoredFile> configuration) {
        return new Manifest(1, "edms", "storage", null, null, null, null, null, null, null, null, List.of(), List.of(),
                storage, List.of(), configuration, null, List.of());
    }

    private static Manifest.StoredFile link(String path, String target) {
        return new Manifest.StoredFile("media", path, "storage/media/" + path, 0, null, target);
    }

    @Test
    void the_link_chain_of_the_attack_is_refused_before_anything_is_placed() throws Exception {
        Path sources = sources();
        // first upload: y -> the root itself; second: z -> y/../../.. which on disk climbs from wherever y leads
        assertThrows(RestoreException.class, () -> FileRehydrator.extract(null, manifest(List.of(
                link(DEEP + "/y", "../../../../../../../..")), null), profile(), sources, dir.resolve("work"), true, false));
        RestoreException chained = assertThrows(RestoreException.class, () -> FileRehydrator.extract(null,
                manifest(List.of(link(DEEP + "/z", "y/../../../../../../../..")), null), profile(), sources,
                dir.resolve("work"), true, false));
        assertTrue(chained.getMessage().contains("not a place inside its root"), chained.getMessage());
        assertThrows(RestoreException.class, () -> FileRehydrator.extract(null, manifest(List.of(
                link("x", "/etc")), null), profile(), sources, dir.resolve("work"), true, false));
    }

    @Test
    void a_file_below_a_link_left_on_disk_lands_in_a_real_folder_inside_the_root() throws Exception {
        Path sources = sources();
        Path root = Files.createDirectories(sources.resolve("edms/media"));
        Path g = Files.createDirectories(root.resolve(DEEP));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        // what two earlier restores (or anyone) left on disk: links that lead out of the root
        Files.createSymbolicLink(g.resolve("y"), Path.of("../../../../../../../.."));
        Files.createSymbolicLink(g.resolve("z"), g.relativize(outside));
        Path staged = Files.writeString(dir.resolve("staged.bin"), "payload");
        Path target = g.resolve("z/evil.txt");
        FileRehydrator.place(List.of(new FileRehydrator.StagedFile(staged, target, null, root, false)));

        assertFalse(Files.exists(outside.resolve("evil.txt")), "written through the link, outside the root");
        assertTrue(Files.isDirectory(g.resolve("z"), LinkOption.NOFOLLOW_LINKS), "the link was replaced by a folder");
        assertEquals("payload", Files.readString(target));
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void a_package_entry_below_the_packages_own_link_is_refused() throws Exception {
        Path sources = sources();
        RestoreException e = assertThrows(RestoreException.class, () -> FileRehydrator.extract(null, manifest(List.of(
                link("docs", "archive"), link("docs/inner", "../x")), null), profile(), sources, dir.resolve("work"),
                true, false));
        assertTrue(e.getMessage().contains("below its own symbolic link 'docs'"), e.getMessage());
    }

    @Test
    void an_inside_link_is_placed_as_a_link_and_a_link_at_the_target_is_replaced_not_followed() throws Exception {
        Path sources = sources();
        Path root = Files.createDirectories(sources.resolve("edms/media"));
        Files.writeString(root.resolve("a.txt"), "a");
        Path victim = Files.writeString(dir.resolve("victim.txt"), "untouched");
        Files.createSymbolicLink(root.resolve("b.txt"), victim);
        List<FileRehydrator.StagedFile> files = FileRehydrator.extract(null, manifest(List.of(
                link("docs/current", "../a.txt")), null), profile(), sources, dir.resolve("work"), true, false);
        Path staged = Files.writeString(dir.resolve("b.staged"), "restored b");
        List<FileRehydrator.StagedFile> all = new ArrayList<>(files);
        all.add(new FileRehydrator.StagedFile(staged, root.resolve("b.txt"), null, root, false));
        assertEquals(2, FileRehydrator.place(all));
        assertEquals(Path.of("../a.txt"), Files.readSymbolicLink(root.resolve("docs/current")));
        assertEquals("untouched", Files.readString(victim));
        assertEquals("restored b", Files.readString(root.resolve("b.txt")));
        assertFalse(Files.isSymbolicLink(root.resolve("b.txt")));
    }

    @Test
    void only_the_profiles_configuration_paths_come_back_never_a_secret_and_modes_are_kept() throws Exception {
        Path sources = sources();
        Manifest.StoredFile other = new Manifest.StoredFile(null, "hms/config/hms.env", "configuration/hms/config/hms.env",
                1, "x", null);
        RestoreException e = assertThrows(RestoreException.class, () -> FileRehydrator.extract(null,
                manifest(null, List.of(other)), profile(), sources, dir.resolve("work"), false, true));
        assertTrue(e.getMessage().contains("does not list"), e.getMessage());
        Manifest.StoredFile secret = new Manifest.StoredFile(null, "edms/config/secret.key",
                "configuration/edms/config/secret.key", 1, "x", null);
        RestoreException s = assertThrows(RestoreException.class, () -> FileRehydrator.extract(null,
                manifest(null, List.of(secret)), profile(), sources, dir.resolve("work"), false, true));
        assertTrue(s.getMessage().contains("secrets are never restored"), s.getMessage());

        Path config = Files.createDirectories(sources.resolve("edms/config"));
        Path env = Files.writeString(config.resolve("app.env"), "OLD=1");
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
        Path staged = Files.writeString(dir.resolve("env.staged"), "NEW=1");
        FileRehydrator.place(List.of(new FileRehydrator.StagedFile(staged, env, null, sources, true)));
        assertEquals("NEW=1", Files.readString(env));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
        Path fresh = config.resolve("new.env");
        FileRehydrator.place(List.of(new FileRehydrator.StagedFile(staged, fresh, null, sources, true)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    }

    @Test
    void a_backup_classifies_links_by_where_they_really_lead() throws Exception {
        Path root = Files.createDirectories(dir.resolve("storage"));
        Path g = Files.createDirectories(root.resolve(DEEP));
        Files.createSymbolicLink(g.resolve("y"), Path.of("../../../../../../../.."));
        Files.createSymbolicLink(g.resolve("z"), Path.of("y/../../../../../../../.."));
        Files.createSymbolicLink(g.resolve("dangling"), Path.of("y/../../../../../../../../../nothing"));
        List<Manifest.SkippedFile> skipped = new ArrayList<>();
        List<Manifest.StoredFile> files = FileCollector.collectRoot("media", root, dir.resolve("copy"), skipped);
        assertEquals(List.of(), files.stream().map(Manifest.StoredFile::path).filter(p -> p.endsWith("/z")).toList(),
                "z leads to / on disk and must not be stored as an in-root link");
        assertTrue(skipped.stream().anyMatch(f -> f.path().endsWith("/z")), skipped.toString());
        assertTrue(skipped.stream().anyMatch(f -> f.path().endsWith("/dangling")), skipped.toString());
    }
}
