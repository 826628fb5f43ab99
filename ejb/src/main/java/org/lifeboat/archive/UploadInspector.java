package org.lifeboat.archive;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.lifeboat.archive.InvalidPackageException.Reason;

/**
 * Decides whether an uploaded package, untrusted input, is a well-formed Lifeboat package before anything else
 * touches it: a tar whose first entry is a supported manifest, holding exactly the regular files the manifest lists
 * (with their sizes and SHA-256) plus the storage links it declares, none of which can leave its place when
 * extracted, and table entries (zstd frames, or gzip members, read through {@link TableEntryStream}) whose rows
 * are what the manifest says. The first problem found is thrown as an
 * {@link InvalidPackageException} naming the entry or row.
 *
 * <p>The file is read once from start to end and never written; links are not followed. Nothing is held in
 * memory but the manifest (at most {@link Limits#maxManifestBytes()}) and one buffer per stream; tar headers,
 * entry counts, the file size and the decompressed size of table entries are all capped by {@link Limits}, so
 * hostile input costs at most time proportional to those limits.
 */
public final class UploadInspector {

    /**
     * How much an upload may ask of the server. {@code maxCompressionRatio} bounds the decompressed size of each
     * table entry at that many times its compressed size (plus {@value UploadInspector#RATIO_ALLOWANCE_BYTES}
     * bytes, so tiny entries of repetitive rows pass); {@code maxUncompressedBytes} bounds the decompressed size of
     * all tables.
     */
    public record Limits(long maxFileBytes, int maxEntries, long maxManifestBytes, long maxUncompressedBytes,
                         int maxCompressionRatio) {

        public Limits {
            if (maxFileBytes <= 0 || maxEntries <= 0 || maxManifestBytes <= 0 || maxUncompressedBytes <= 0
                    || maxCompressionRatio <= 0) {
                throw new IllegalArgumentException("upload limits must all be positive");
            }
        }

        /** 20 GiB per file, 200,000 entries, a 64 MiB manifest, 20 GiB of decompressed rows, 200:1 per table. */
        public static Limits defaults() {
            return new Limits(20L << 30, 200_000, 64L << 20, 20L << 30, 200);
        }

        public Limits withMaxFileBytes(long value) {
            return new Limits(value, maxEntries, maxManifestBytes, maxUncompressedBytes, maxCompressionRatio);
        }

        public Limits withMaxEntries(int value) {
            return new Limits(maxFileBytes, value, maxManifestBytes, maxUncompressedBytes, maxCompressionRatio);
        }

        public Limits withMaxManifestBytes(long value) {
            return new Limits(maxFileBytes, maxEntries, value, maxUncompressedBytes, maxCompressionRatio);
        }

        public Limits withMaxUncompressedBytes(long value) {
            return new Limits(maxFileBytes, maxEntries, maxManifestBytes, value, maxCompressionRatio);
        }

        public Limits withMaxCompressionRatio(int value) {
            return new Limits(maxFileBytes, maxEntries, maxManifestBytes, maxUncompressedBytes, value);
        }
    }

    /** Decompressed bytes every table entry may have beyond its ratio. */
    public static final long RATIO_ALLOWANCE_BYTES = 1 << 20;

    /** Bytes the headers of one entry (long names, PAX records) may take; far more than any real name needs. */
    static final int HEADER_BUDGET = 256 << 10;
    static final int MAX_NAME_BYTES = 4096;
    static final int MAX_SEGMENT_BYTES = 255;
    /** PostgreSQL's longest identifier (NAMEDATALEN - 1). */
    static final int MAX_IDENTIFIER_BYTES = 63;
    static final int RECORD = 512;
    static final int END_MARKER = 2 * RECORD;

    // the same patterns the profile loader enforces on source and storage root names
    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern ROOT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> FOLDERS = Set.of("data", "schema", "storage", "configuration", "secrets");
    private static final String STORAGE = "storage/";
    private static final String CONFIGURATION = "configuration/";
    private static final String SECRETS = "secrets/";

    private static final ObjectReader MANIFEST = PackageReader.JSON.readerFor(Manifest.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Path file;
    private final Limits limits;
    private Cursor cursor;
    private TarArchiveInputStream tar;

    /** Every regular entry the manifest lists, by name, in the manifest's order. */
    private final Map<String, Manifest.Entry> listed = new LinkedHashMap<>();
    /** The storage links the manifest declares, by entry name. */
    private final Map<String, Manifest.StoredFile> links = new LinkedHashMap<>();
    private final Map<String, Manifest.TableEntry> tables = new HashMap<>();
    /** Entries met in the archive; only names the manifest lists get here, so it is no bigger than the manifest. */
    private final Set<String> seen = new HashSet<>();
    private int entries;
    private long inflatedTotal;
    private long lastDataEnd;
    private String lastEntry;

    private UploadInspector(Path file, Limits limits) {
        this.file = file;
        this.limits = limits;
    }

    /**
     * Inspects an uploaded package and returns its manifest if the package is acceptable (lists the manifest
     * leaves out are returned empty, never null).
     *
     * @throws InvalidPackageException when it is not, with the reason and the entry or row at fault
     * @throws IOException             when the file itself cannot be read (it does not exist, a disk error)
     */
    public static Manifest inspect(Path file, Limits limits) throws IOException {
        return new UploadInspector(file, limits).run();
    }

    private Manifest run() throws IOException {
        BasicFileAttributes attributes =
                Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            throw new InvalidPackageException(Reason.NOT_A_FILE, null, file.getFileName()
                    + " is not a regular file (a link, folder or device): only a plain file is inspected");
        }
        if (attributes.size() > limits.maxFileBytes()) {
            throw new InvalidPackageException(Reason.TOO_LARGE, null, "the package has " + attributes.size()
                    + " bytes, more than the " + limits.maxFileBytes() + " bytes accepted");
        }
        if (attributes.size() < RECORD) {
            throw new InvalidPackageException(Reason.NOT_A_TAR, null, attributes.size() == 0 ? "the file is empty"
                    : "the file has only " + attributes.size() + " bytes, less than one tar header: it is not a"
                    + " tar archive");
        }
        try (InputStream raw = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            cursor = new Cursor(new BufferedInputStream(raw, 1 << 16), limits.maxFileBytes());
            tar = new TarArchiveInputStream(cursor, StandardCharsets.UTF_8.name());
            Manifest manifest = readManifest();
            checkManifest(manifest);
            readEntries();
            checkEndOfArchive();
            checkNothingMissing();
            return withoutNullLists(manifest);
        } catch (RuntimeException e) {
            // a parser choking on hostile bytes in a way none of the checks above anticipated
            throw new InvalidPackageException(Reason.UNREADABLE, lastEntry == null ? null : shown(lastEntry),
                    "the package cannot be read " + after() + ": " + e, e);
        }
    }

    // ---- the manifest

    private Manifest readManifest() throws IOException {
        TarArchiveEntry first = nextEntry(0);
        if (first == null) {
            throw new InvalidPackageException(Reason.MANIFEST_MISSING, null,
                    "the archive holds no entries; a package starts with " + Manifest.ENTRY_NAME);
        }
        entries = 1;
        if (!Manifest.ENTRY_NAME.equals(first.getName())) {
            throw manifestElsewhere(first);
        }
        requireRegular(first, Manifest.ENTRY_NAME);
        if (first.getSize() > limits.maxManifestBytes()) {
            throw new InvalidPackageException(Reason.TOO_LARGE, Manifest.ENTRY_NAME, Manifest.ENTRY_NAME + " has "
                    + first.getSize() + " bytes, more than the " + limits.maxManifestBytes() + " accepted");
        }
        EntryContent content = new EntryContent(Manifest.ENTRY_NAME);
        Manifest manifest;
        try {
            manifest = MANIFEST.readValue(content);
        } catch (JsonProcessingException e) {
            InvalidPackageException refused = refusal(e);
            if (refused != null) {
                throw refused;
            }
            JsonLocation at = e.getLocation();
            String field = e instanceof JsonMappingException mapping ? jsonPath(mapping) : "";
            throw new InvalidPackageException(Reason.MANIFEST_INVALID_JSON, Manifest.ENTRY_NAME, Manifest.ENTRY_NAME
                    + " is not a valid manifest" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + (field.isEmpty() ? "" : ", field " + field) + ")") + ": "
                    + clip(e.getOriginalMessage()), e);
        }
        content.drain();
        finished(Manifest.ENTRY_NAME);
        if (manifest == null) {
            throw new InvalidPackageException(Reason.MANIFEST_INVALID_JSON, Manifest.ENTRY_NAME,
                    Manifest.ENTRY_NAME + " holds null instead of a manifest object");
        }
        if (manifest.formatVersion() != Manifest.FORMAT_VERSION) {
            throw new InvalidPackageException(Reason.MANIFEST_UNSUPPORTED_VERSION, Manifest.ENTRY_NAME,
                    Manifest.ENTRY_NAME + " has format version " + manifest.formatVersion()
                    + "; this server reads version " + Manifest.FORMAT_VERSION);
        }
        return manifest;
    }

    /** The manifest with absent lists as empty ones, so that callers need not guard against null. */
    private static Manifest withoutNullLists(Manifest m) {
        return new Manifest(m.formatVersion(), m.source(), m.scope(), m.createdAt(), m.completedAt(),
                m.lifeboatVersion(), m.postgresVersion(), m.schemaFingerprint(), m.snapshot(), m.sessionSettings(),
                m.schema(),
                orEmpty(m.tables()), orEmpty(m.sequences()), orEmpty(m.storage()), orEmpty(m.storageSkipped()),
                orEmpty(m.configuration()), m.secrets(), orEmpty(m.entries()));
    }

    /** Where in the manifest a value did not fit, e.g. {@code tables[2].columns}. */
    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(shown(step.getFieldName()));
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The first entry is not the manifest: says whether the manifest comes later or not at all. */
    private InvalidPackageException manifestElsewhere(TarArchiveEntry first) throws IOException {
        String firstName = shown(first.getName());
        long unread = first.getSize();
        for (int index = 2; ; index++) {
            TarArchiveEntry entry = nextEntry(unread);
            if (entry == null) {
                return new InvalidPackageException(Reason.MANIFEST_MISSING, firstName, "the archive has no "
                        + Manifest.ENTRY_NAME + " (its first entry is " + firstName + "): it is not a Lifeboat"
                        + " package");
            }
            if (index > limits.maxEntries()) {
                throw tooManyEntries(entry.getName());
            }
            if (Manifest.ENTRY_NAME.equals(entry.getName())) {
                return new InvalidPackageException(Reason.MANIFEST_NOT_FIRST, Manifest.ENTRY_NAME,
                        Manifest.ENTRY_NAME + " is entry #" + index + " of the archive, but it must be the first"
                        + " (the first is " + firstName + ")");
            }
            unread = entry.getSize();
        }
    }

    private void checkManifest(Manifest m) throws InvalidPackageException {
        requireText("source", m.source(), 63, true);
        if (!SOURCE_NAME.matcher(m.source()).matches()) {
            throw field("source '" + shown(m.source()) + "' is not a source name (" + SOURCE_NAME.pattern() + ")");
        }
        requireText("scope", m.scope(), 1 << 16, true);
        requireInstant("createdAt", m.createdAt(), true);
        requireInstant("completedAt", m.completedAt(), false);
        requireText("lifeboatVersion", m.lifeboatVersion(), 200, false);
        requireText("postgresVersion", m.postgresVersion(), 200, false);
        if (m.snapshot() != null) {
            for (String id : orEmpty(m.snapshot().ids())) {
                requireText("snapshot id", id, 200, true);
            }
            requireNoNul("snapshot note", m.snapshot().note());
        }
        if (m.sessionSettings() != null) {
            for (Map.Entry<String, String> setting : m.sessionSettings().entrySet()) {
                requireText("session setting name", setting.getKey(), 200, true);
                requireText("session setting " + shown(setting.getKey()), setting.getValue(), 200, true);
            }
        }
        int declaredLinks = 0;
        for (Manifest.StoredFile f : orEmpty(m.storage())) {
            declaredLinks += f != null && f.link() != null ? 1 : 0;
        }
        if ((long) orEmpty(m.entries()).size() + declaredLinks + 1 > limits.maxEntries()) {
            throw new InvalidPackageException(Reason.TOO_MANY_ENTRIES, Manifest.ENTRY_NAME, Manifest.ENTRY_NAME
                    + " lists " + (orEmpty(m.entries()).size() + declaredLinks + 1) + " entries, more than the "
                    + limits.maxEntries() + " accepted");
        }
        for (Manifest.Entry e : orEmpty(m.entries())) {
            if (e == null) {
                throw field("entries[] holds a null");
            }
            checkName(e.name(), "the manifest's entry");
            int slash = e.name().indexOf('/');
            if (slash < 0 || !FOLDERS.contains(e.name().substring(0, slash))) {
                throw new InvalidPackageException(Reason.BAD_ENTRY_NAME, shown(e.name()), "the manifest lists entry "
                        + shown(e.name()) + ", but entries live under data/, schema/, storage/, configuration/ or"
                        + " secrets/");
            }
            requireDigest("entry " + shown(e.name()), e.sha256(), e.bytes());
            if (listed.put(e.name(), e) != null) {
                throw new InvalidPackageException(Reason.DUPLICATE_ENTRY, shown(e.name()), "the manifest lists entry "
                        + shown(e.name()) + " twice");
            }
        }
        Map<String, String> owners = new HashMap<>();
        if (m.schema() != null && m.schema().included()) {
            if (!EntryNames.SCHEMA_ENTRY.equals(m.schema().entry())) {
                throw field("the schema is said to be included as " + shown(m.schema().entry()) + ", not as "
                        + EntryNames.SCHEMA_ENTRY);
            }
            own(owners, EntryNames.SCHEMA_ENTRY, "the schema", null, -1);
        }
        if (m.schema() != null) {
            requireText("schema tool", m.schema().tool(), 200, false);
            requireNoNul("schema note", m.schema().note());
            for (String gap : orEmpty(m.schema().newInstanceGaps())) {
                requireText("schema gap", gap, 2000, false);
            }
            for (Manifest.RelationName view : orEmpty(m.schema().populatedViews())) {
                requireIdentifier("materialized view schema", view.schema());
                requireIdentifier("materialized view name", view.name());
            }
        }
        checkTables(orEmpty(m.tables()), owners);
        // a restore compares shapes by this fingerprint, so it must be the one of the tables described here
        if (m.schemaFingerprint() != null && !m.schemaFingerprint().equals(Manifest.fingerprint(orEmpty(m.tables())))) {
            throw field("schemaFingerprint " + shown(m.schemaFingerprint()) + " is not the fingerprint of the tables"
                    + " the manifest lists");
        }
        for (Manifest.SequenceValue s : orEmpty(m.sequences())) {
            if (s == null) {
                throw field("sequences[] holds a null");
            }
            requireIdentifier("sequence schema", s.schema());
            requireIdentifier("sequence name", s.name());
            requireText("owner table of sequence " + shown(s.name()), s.ownerTable(), 200, false);
            requireText("owner column of sequence " + shown(s.name()), s.ownerColumn(), 200, false);
        }
        checkStorage(orEmpty(m.storage()), owners);
        for (Manifest.SkippedFile s : orEmpty(m.storageSkipped())) {
            if (s == null) {
                throw field("storageSkipped[] holds a null");
            }
            requireNoNul("skipped storage root", s.root());
            requireNoNul("skipped storage path", s.path());
            requireNoNul("skipped storage reason", s.reason());
        }
        for (Manifest.StoredFile f : orEmpty(m.configuration())) {
            if (f == null) {
                throw field("configuration[] holds a null");
            }
            checkName(f.path(), "the manifest's configuration file");
            if (!(CONFIGURATION + f.path()).equals(f.entry())) {
                throw new InvalidPackageException(Reason.BAD_ENTRY_NAME, shown(f.entry()), "configuration file "
                        + shown(f.path()) + " is stored as " + shown(f.entry()) + ", not as " + CONFIGURATION
                        + shown(f.path()));
            }
            own(owners, f.entry(), "configuration file " + shown(f.path()), f.sha256(), f.bytes());
        }
        if (m.secrets() != null) {
            Manifest.Secrets secrets = m.secrets();
            if (secrets.entry() == null || !secrets.entry().startsWith(SECRETS)) {
                throw field("the secrets entry " + shown(secrets.entry()) + " is not under " + SECRETS);
            }
            own(owners, secrets.entry(), "the secrets", null, -1);
            for (String secret : orEmpty(secrets.files())) {
                // informational: the files themselves are inside the encrypted entry, out of reach here
                requireText("secret file name", secret, MAX_NAME_BYTES, true);
            }
            requireText("secrets encryption", secrets.encryption(), 200, false);
        }
        for (String name : listed.keySet()) {
            if (!owners.containsKey(name)) {
                throw field("entry " + shown(name) + " is listed in entries[], but no table, storage file,"
                        + " configuration file, schema or secrets section refers to it");
            }
        }
        checkPathConflicts();
    }

    private void checkTables(List<Manifest.TableEntry> declared, Map<String, String> owners)
            throws InvalidPackageException {
        Set<String> qualified = new HashSet<>();
        for (Manifest.TableEntry t : declared) {
            if (t == null) {
                throw field("tables[] holds a null");
            }
            requireIdentifier("table schema", t.schema());
            requireIdentifier("table name", t.name());
            String table = "table " + shown(t.schema() + "." + t.name());
            if (!qualified.add(t.schema() + '\0' + t.name())) {
                throw field(table + " is listed twice");
            }
            if (t.columns() == null) {
                throw field(table + " has no columns list");
            }
            Set<String> columns = new HashSet<>();
            for (Manifest.ColumnInfo c : t.columns()) {
                if (c == null) {
                    throw field(table + " has a null column");
                }
                requireIdentifier(table + " column name", c.name());
                if (!columns.add(c.name())) {
                    throw field(table + " lists column " + shown(c.name()) + " twice");
                }
                requireText(table + " column " + shown(c.name()) + " type", c.type(), 1000, true);
                requireText(table + " column " + shown(c.name()) + " kind", c.kind(), 100, false);
            }
            for (String key : orEmpty(t.primaryKey())) {
                if (key == null || !columns.contains(key)) {
                    throw field(table + " has primary key column " + shown(key) + ", which is not one of its columns");
                }
            }
            if (t.rows() < 0) {
                throw field(table + " has " + t.rows() + " rows");
            }
            String entry = EntryNames.tableEntry(t.schema(), t.name());
            if (!entry.equals(t.entry())) {
                throw new InvalidPackageException(Reason.BAD_ENTRY_NAME, shown(t.entry()), table + " is stored as "
                        + shown(t.entry()) + ", but its entry must be " + shown(entry));
            }
            own(owners, entry, table, t.sha256(), t.bytes());
            tables.put(entry, t);
        }
    }

    private void checkStorage(List<Manifest.StoredFile> files, Map<String, String> owners)
            throws InvalidPackageException {
        for (Manifest.StoredFile f : files) {
            if (f == null) {
                throw field("storage[] holds a null");
            }
            if (f.root() == null || !ROOT_NAME.matcher(f.root()).matches()) {
                throw field("storage root '" + shown(f.root()) + "' is not a root name (" + ROOT_NAME.pattern() + ")");
            }
            checkName(f.path(), "the manifest's storage file");
            String entry = STORAGE + f.root() + "/" + f.path();
            if (!entry.equals(f.entry())) {
                throw new InvalidPackageException(Reason.BAD_ENTRY_NAME, shown(f.entry()), "storage file "
                        + shown(f.path()) + " of root " + f.root() + " is stored as " + shown(f.entry())
                        + ", not as " + shown(entry));
            }
            if (f.link() == null) {
                own(owners, entry, "storage file " + shown(entry), f.sha256(), f.bytes());
                continue;
            }
            if (listed.containsKey(entry)) {
                throw field("storage link " + shown(entry) + " is also listed in entries[] as a regular file");
            }
            if (links.put(entry, f) != null) {
                throw new InvalidPackageException(Reason.DUPLICATE_ENTRY, shown(entry), "the manifest lists storage"
                        + " link " + shown(entry) + " twice");
            }
            own(owners, entry, "storage link " + shown(entry), null, -1);
        }
        for (Manifest.StoredFile link : links.values()) {
            checkLinkTarget(link);
        }
    }

    /**
     * A kept link must resolve, without following any other link, to a place inside its own storage root: its
     * target is relative, and walking it from the link's folder never climbs above the root nor passes through
     * another link (whose own target would change where the rest of the path leads).
     */
    private void checkLinkTarget(Manifest.StoredFile link) throws InvalidPackageException {
        String entry = link.entry();
        String target = link.link();
        String described = "the symbolic link " + shown(entry) + " (to " + shown(target) + ")";
        if (target.isEmpty() || utf8Length(target) > MAX_NAME_BYTES || forbiddenCharacter(target) >= 0
                || target.indexOf('\\') >= 0) {
            throw new InvalidPackageException(Reason.LINK_ENTRY, shown(entry), described
                    + " has an empty, overlong or unprintable target, or one with a backslash");
        }
        if (target.startsWith("/")) {
            throw new InvalidPackageException(Reason.ABSOLUTE_PATH, shown(entry), described
                    + " points to an absolute path; kept links must stay inside their storage root");
        }
        Deque<String> at = new ArrayDeque<>(Arrays.asList(entry.split("/")));
        at.removeLast();
        String[] steps = target.split("/", -1);
        boolean named = false;
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            if (step.isEmpty() || step.equals(".")) {
                continue;
            }
            if (step.equals("..")) {
                if (named) {
                    // "a/.." is not "." on disk when a is a link (one left by an earlier restore, say)
                    throw new InvalidPackageException(Reason.PATH_TRAVERSAL, shown(entry), described
                            + " climbs with '..' after a name; where that leads depends on what is on disk, so "
                            + "only targets of the form ../../name are accepted");
                }
                if (at.size() <= 2) {
                    throw new InvalidPackageException(Reason.PATH_TRAVERSAL, shown(entry), described
                            + " leaves its storage root " + link.root() + ": a restore would write outside it");
                }
                at.removeLast();
                continue;
            }
            named = true;
            at.addLast(step);
            String through = String.join("/", at);
            if (i < steps.length - 1 && links.containsKey(through)) {
                throw new InvalidPackageException(Reason.PATH_TRAVERSAL, shown(entry), described
                        + " passes through the link " + shown(through) + "; only targets that stay inside the root"
                        + " without following another link are accepted");
            }
        }
        if (at.size() <= 2) {
            throw new InvalidPackageException(Reason.PATH_TRAVERSAL, shown(entry), described
                    + " points to its storage root itself; kept links point to a file or folder inside it");
        }
    }

    /** A section claims an entry: it must be listed (as a link, or with the same digest) and claimed only once. */
    private void own(Map<String, String> owners, String entry, String owner, String sha256, long bytes)
            throws InvalidPackageException {
        boolean link = links.containsKey(entry);
        Manifest.Entry e = listed.get(entry);
        if (e == null && !link) {
            throw field(owner + " is stored as " + shown(entry) + ", which entries[] does not list");
        }
        if (e != null && sha256 != null && (!sha256.equals(e.sha256()) || bytes != e.bytes())) {
            throw field(owner + " gives its entry " + shown(entry) + " another SHA-256 or size than entries[]");
        }
        String before = owners.put(entry, owner);
        if (before != null) {
            throw field("entry " + shown(entry) + " is claimed by both " + before + " and " + owner);
        }
    }

    /** No entry may be a file and a folder at once, nor lie under a link (extracting it would follow the link). */
    private void checkPathConflicts() throws InvalidPackageException {
        TreeSet<String> names = new TreeSet<>(listed.keySet());
        names.addAll(links.keySet());
        names.add(Manifest.ENTRY_NAME);
        for (String name : names) {
            String folder = name + "/";
            String inside = names.ceiling(folder);
            if (inside == null || !inside.startsWith(folder)) {
                continue;
            }
            if (links.containsKey(name)) {
                throw new InvalidPackageException(Reason.PATH_TRAVERSAL, shown(inside), "entry " + shown(inside)
                        + " lies under the symbolic link " + shown(name) + ": extracting it would write through"
                        + " the link");
            }
            throw new InvalidPackageException(Reason.PATH_CONFLICT, shown(inside), "entry " + shown(inside)
                    + " needs " + shown(name) + " to be a folder, but " + shown(name) + " is a file of the package");
        }
    }

    // ---- the entries

    private void readEntries() throws IOException {
        seen.add(Manifest.ENTRY_NAME);
        for (TarArchiveEntry entry = nextEntry(0); entry != null; entry = nextEntry(0)) {
            entries++;
            String name = entry.getName();
            if (entries > limits.maxEntries()) {
                throw tooManyEntries(name);
            }
            if (name.isEmpty()) {
                throw new InvalidPackageException(Reason.BAD_ENTRY_NAME, "", "entry #" + entries + " of the archive ("
                        + after() + ") has an empty name");
            }
            checkName(name, "entry");
            if (seen.contains(name)) {
                throw new InvalidPackageException(Reason.DUPLICATE_ENTRY, shown(name), "entry " + shown(name)
                        + " appears more than once in the archive");
            }
            if (name.equals(PackageSignature.ENTRY_NAME)) {
                checkSignatureEntry(entry);
                seen.add(name);
                new EntryContent(name).drain();
                finished(name);
                continue;
            }
            if (entry.isSymbolicLink()) {
                checkLinkEntry(entry);
            } else {
                requireRegular(entry, name);
                if (!listed.containsKey(name)) {
                    throw new InvalidPackageException(Reason.UNLISTED_ENTRY, shown(name), "entry " + shown(name)
                            + " is not listed in the manifest");
                }
            }
            seen.add(name);
            if (entry.isSymbolicLink()) {
                finished(name);
            } else {
                checkContent(entry, listed.get(name));
            }
        }
    }

    /**
     * The signature of the manifest (see {@link PackageSignature}): a small regular file, right after the manifest.
     * Whether it verifies is the catalog's business; here it only must not be a way to smuggle data in.
     */
    private void checkSignatureEntry(TarArchiveEntry entry) throws InvalidPackageException {
        String name = PackageSignature.ENTRY_NAME;
        requireRegular(entry, name);
        if (entries != 2) {
            throw new InvalidPackageException(Reason.UNLISTED_ENTRY, name, "entry " + name + " is entry #" + entries
                    + " of the archive; the signature of the manifest must come right after it, as the second");
        }
        if (entry.getSize() > PackageSignature.MAX_BYTES) {
            throw new InvalidPackageException(Reason.TOO_LARGE, name, "entry " + name + " has " + entry.getSize()
                    + " bytes; a signature has at most " + PackageSignature.MAX_BYTES);
        }
    }

    private void checkLinkEntry(TarArchiveEntry entry) throws InvalidPackageException {
        String name = entry.getName();
        Manifest.StoredFile declared = links.get(name);
        if (declared == null) {
            throw new InvalidPackageException(Reason.LINK_ENTRY, shown(name), "entry " + shown(name)
                    + " is a symbolic link (to " + shown(entry.getLinkName()) + ") that the manifest does not"
                    + " declare; packages hold regular files and only the storage links their manifest lists");
        }
        if (!declared.link().equals(entry.getLinkName())) {
            throw new InvalidPackageException(Reason.LINK_ENTRY, shown(name), "entry " + shown(name)
                    + " is a symbolic link to " + shown(entry.getLinkName()) + ", but the manifest declares it as a"
                    + " link to " + shown(declared.link()));
        }
        if (entry.getSize() != 0) {
            throw new InvalidPackageException(Reason.LINK_ENTRY, shown(name), "the symbolic link entry "
                    + shown(name) + " carries " + entry.getSize() + " bytes of data");
        }
    }

    private static void requireRegular(TarArchiveEntry entry, String name) throws InvalidPackageException {
        String what;
        Reason reason = Reason.SPECIAL_ENTRY;
        if (entry.isSymbolicLink() || entry.isLink()) {
            reason = Reason.LINK_ENTRY;
            what = (entry.isLink() ? "a hard link" : "a symbolic link") + " to " + shown(entry.getLinkName());
        } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            what = "a device";
        } else if (entry.isFIFO()) {
            what = "a FIFO (named pipe)";
        } else if (entry.isDirectory()) {
            what = "a folder";
        } else if (entry.isSparse()) {
            what = "a sparse file";
        } else if (entry.getLinkFlag() != TarArchiveEntry.LF_NORMAL
                && entry.getLinkFlag() != TarArchiveEntry.LF_OLDNORM) {
            what = "of tar type '" + shown(String.valueOf((char) entry.getLinkFlag())) + "'";
        } else {
            return;
        }
        throw new InvalidPackageException(reason, shown(name), "entry " + shown(name) + " is " + what
                + "; packages hold regular files and only the storage links their manifest lists");
    }

    private void checkContent(TarArchiveEntry entry, Manifest.Entry expected) throws IOException {
        String name = entry.getName();
        if (entry.getSize() != expected.bytes()) {
            throw new InvalidPackageException(Reason.SIZE_MISMATCH, shown(name), "entry " + shown(name) + " has "
                    + entry.getSize() + " bytes, the manifest says " + expected.bytes());
        }
        EntryContent content = new EntryContent(name);
        InvalidPackageException rowProblem = null;
        Manifest.TableEntry table = tables.get(name);
        if (table != null) {
            try {
                checkRows(table, content, entry.getSize());
            } catch (InvalidPackageException e) {
                if (content.failed) {
                    throw e;
                }
                // a damaged entry is reported as such, not by the first row it happens to break
                rowProblem = e;
            }
        }
        content.drain();
        String sha256 = HexFormat.of().formatHex(content.sha.digest());
        if (!sha256.equals(expected.sha256())) {
            throw new InvalidPackageException(Reason.CHECKSUM_MISMATCH, shown(name), "entry " + shown(name)
                    + " has SHA-256 " + sha256 + ", the manifest says " + expected.sha256()
                    + ": it was modified or damaged");
        }
        if (rowProblem != null) {
            throw rowProblem;
        }
        finished(name);
    }

    /**
     * Streams the rows of a table entry: one JSON array of strings and nulls per line, as many values as columns,
     * as many rows as the manifest says. Values are skipped, never held; decompression stops at the ratio cap
     * (zstd, unlike gzip, has no practical ratio ceiling: a few hundred bytes can declare gigabytes).
     */
    private void checkRows(Manifest.TableEntry table, InputStream compressed, long compressedBytes)
            throws InvalidPackageException {
        String where = "table " + shown(table.schema() + "." + table.name()) + " (" + shown(table.entry()) + ")";
        String entry = shown(table.entry());
        int width = table.columns().size();
        long rows = 0;
        if (compressedBytes == 0) {
            requireRowCount(table, where, 0);
            return;
        }
        long ratioCap = compressedBytes > (Long.MAX_VALUE - RATIO_ALLOWANCE_BYTES) / limits.maxCompressionRatio()
                ? Long.MAX_VALUE : compressedBytes * limits.maxCompressionRatio() + RATIO_ALLOWANCE_BYTES;
        Inflated inflated = null;
        try {
            inflated = new Inflated(TableEntryStream.open(compressed), ratioCap,
                    limits.maxUncompressedBytes() - inflatedTotal, where, entry, compressedBytes);
            try (JsonParser parser = PackageReader.JSON.getFactory().createParser(inflated)) {
                long lineStart = 0;
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    long row = rows + 1;
                    JsonLocation at = parser.currentTokenLocation();
                    if (at.getByteOffset() != lineStart || at.getLineNr() != (int) row || at.getColumnNr() != 1) {
                        throw new InvalidPackageException(Reason.ROW_INVALID_JSON, entry, where + ", row " + row
                                + ": does not start line " + row + "; rows are one JSON array per line, separated by"
                                + " a single line break");
                    }
                    if (token != JsonToken.START_ARRAY) {
                        throw new InvalidPackageException(Reason.ROW_WRONG_TYPE, entry, where + ", row " + row
                                + ": is a JSON " + kind(token) + ", not an array of column values");
                    }
                    if (row > table.rows()) {
                        throw new InvalidPackageException(Reason.ROW_COUNT_MISMATCH, entry, where + " holds more"
                                + " rows than the " + table.rows() + " the manifest says");
                    }
                    long values = 0;
                    for (JsonToken v = parser.nextToken(); v != JsonToken.END_ARRAY; v = parser.nextToken()) {
                        values++;
                        if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
                            throw new InvalidPackageException(Reason.ROW_WRONG_TYPE, entry, where + ", row " + row
                                    + ": value " + values + " is a JSON " + kind(v)
                                    + "; every value must be a string or null");
                        }
                    }
                    if (values != width) {
                        throw new InvalidPackageException(Reason.ROW_WRONG_WIDTH, entry, where + ", row " + row
                                + ": has " + values + " values for " + width + " columns");
                    }
                    rows = row;
                    lineStart = parser.currentLocation().getByteOffset() + 1;
                }
                requireRowCount(table, where, rows);
                if (inflated.count != (rows == 0 ? 0 : lineStart) || inflated.lineBreaks != rows) {
                    throw new InvalidPackageException(Reason.ROW_INVALID_JSON, entry, where + ", after row " + rows
                            + ": every row must end with one line break and nothing may follow the last one");
                }
            }
        } catch (InvalidPackageException e) {
            throw e;
        } catch (JsonProcessingException e) {
            InvalidPackageException refused = refusal(e);
            if (refused != null) {
                throw refused;
            }
            throw new InvalidPackageException(Reason.ROW_INVALID_JSON, entry, where + ", row " + (rows + 1)
                    + ": is not valid JSON (" + clip(e.getOriginalMessage()) + ")", e);
        } catch (IOException | RuntimeException e) {
            InvalidPackageException refused = refusal(e);
            if (refused != null) {
                throw refused;
            }
            throw new InvalidPackageException(Reason.CORRUPT_TABLE_ENTRY, entry, where + " cannot be decompressed:"
                    + " it is not a sequence of zstd frames (or gzip members) (" + clip(String.valueOf(e.getMessage()))
                    + ")", e);
        } finally {
            if (inflated != null) {
                inflatedTotal += inflated.count;
            }
        }
    }

    private static void requireRowCount(Manifest.TableEntry table, String where, long rows)
            throws InvalidPackageException {
        if (rows != table.rows()) {
            throw new InvalidPackageException(Reason.ROW_COUNT_MISMATCH, shown(table.entry()), where + " holds "
                    + rows + " rows, the manifest says " + table.rows());
        }
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case START_ARRAY -> "array";
            case START_OBJECT -> "object";
            case VALUE_STRING -> "string";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    // ---- the end of the archive

    /**
     * After the last entry a tar holds its end marker (two zero records) and possibly zero padding. Anything else
     * means the file was cut short or carries data the tar reader never showed.
     */
    private void checkEndOfArchive() throws IOException {
        long end = lastDataEnd;
        try (SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS))) {
            long length = channel.size();
            channel.position(end);
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            long position = end;
            long nonZero = -1;
            for (int n; nonZero < 0 && (n = channel.read(buffer.clear())) > 0; position += n) {
                for (int i = 0; i < n; i++) {
                    if (buffer.get(i) != 0) {
                        nonZero = position + i;
                        break;
                    }
                }
            }
            if (nonZero >= 0 ? nonZero < end + END_MARKER : length - end < END_MARKER) {
                throw new InvalidPackageException(Reason.TRUNCATED, shown(lastEntry), "the archive is cut short "
                        + after() + ": " + (nonZero >= 0 ? "a partial tar header follows it" : "its end-of-archive"
                        + " marker is missing"));
            }
            if (nonZero >= 0) {
                throw new InvalidPackageException(Reason.TRAILING_DATA, null, "the file goes on after the end of the"
                        + " tar archive (" + after() + "; non-zero bytes at offset " + nonZero + "): a package is"
                        + " its tar archive and nothing else");
            }
        }
    }

    private void checkNothingMissing() throws InvalidPackageException {
        for (String name : listed.keySet()) {
            if (!seen.contains(name)) {
                throw new InvalidPackageException(Reason.MISSING_ENTRY, shown(name), "entry " + shown(name)
                        + " is listed in the manifest but missing from the archive");
            }
        }
        for (String name : links.keySet()) {
            if (!seen.contains(name)) {
                throw new InvalidPackageException(Reason.MISSING_ENTRY, shown(name), "the storage link "
                        + shown(name) + " is declared in the manifest but missing from the archive");
            }
        }
    }

    // ---- reading the tar

    /**
     * The next entry's header, allowing the tar reader to skip {@code unread} bytes of the current entry plus
     * padding and {@link #HEADER_BUDGET} bytes of headers, so a hostile long name or PAX record cannot make it read
     * (and hold) more.
     */
    private TarArchiveEntry nextEntry(long unread) throws IOException {
        long allowance = Math.min(unread, Long.MAX_VALUE / 2) + RECORD + HEADER_BUDGET;
        cursor.allowUpTo(cursor.position() + allowance, () -> new InvalidPackageException(Reason.CORRUPT_HEADER,
                null, "the tar headers " + after() + " take more than " + (HEADER_BUDGET >> 10) + " KiB"
                + " (an oversized long name or PAX record)"));
        TarArchiveEntry entry;
        try {
            entry = tar.getNextEntry();
        } catch (IOException | RuntimeException e) {
            InvalidPackageException refused = refusal(e);
            if (refused != null) {
                throw refused;
            }
            if (entries == 0) {
                throw new InvalidPackageException(Reason.NOT_A_TAR, null, "the file is not a tar archive: its first"
                        + " header cannot be read (" + clip(String.valueOf(e.getMessage())) + ")", e);
            }
            if (cursor.atEnd) {
                throw new InvalidPackageException(Reason.TRUNCATED, shown(lastEntry), "the file ends inside the"
                        + " tar header " + after() + ": it was cut short", e);
            }
            throw new InvalidPackageException(Reason.CORRUPT_HEADER, shown(lastEntry), "the tar header " + after()
                    + " is damaged (" + clip(String.valueOf(e.getMessage())) + ")", e);
        } finally {
            cursor.allowUpTo(Long.MAX_VALUE, null);
        }
        if (entry != null && !entry.isCheckSumOK()) {
            if (entries == 0) {
                throw new InvalidPackageException(Reason.NOT_A_TAR, null,
                        "the file is not a tar archive: its first header has a wrong checksum");
            }
            throw new InvalidPackageException(Reason.CORRUPT_HEADER, shown(entry.getName()), "the tar header of "
                    + shown(entry.getName()) + " " + after() + " has a wrong checksum: it is damaged");
        }
        return entry;
    }

    /** The current entry was read to its end: its padding, if any, ends at the next record boundary. */
    private void finished(String name) {
        lastDataEnd = (cursor.position() + RECORD - 1) / RECORD * RECORD;
        lastEntry = name;
    }

    private String after() {
        return lastEntry == null ? "at the start of the file" : "after entry " + shown(lastEntry);
    }

    private InvalidPackageException tooManyEntries(String name) {
        return new InvalidPackageException(Reason.TOO_MANY_ENTRIES, shown(name), "the archive holds more than "
                + limits.maxEntries() + " entries (the limit was passed at " + shown(name) + ")");
    }

    /** The refusal that travelled up through a parser, possibly wrapped. */
    private static InvalidPackageException refusal(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof InvalidPackageException refused) {
                return refused;
            }
        }
        return null;
    }

    // ---- names and fields

    /** Refuses entry names a tar extractor or a restore could turn into something else than a file in place. */
    static void checkName(String name, String what) throws InvalidPackageException {
        if (name == null || name.isEmpty()) {
            throw new InvalidPackageException(Reason.BAD_ENTRY_NAME, "", what + " has an empty name");
        }
        String shown = shown(name);
        if (utf8Length(name) > MAX_NAME_BYTES) {
            throw new InvalidPackageException(Reason.BAD_ENTRY_NAME, shown, what + " " + shown + " is longer than "
                    + MAX_NAME_BYTES + " bytes");
        }
        int bad = forbiddenCharacter(name);
        if (bad >= 0) {
            throw new InvalidPackageException(Reason.BAD_ENTRY_NAME, shown, what + " " + shown + " contains the"
                    + " control or invalid character " + String.format("U+%04X", (int) name.charAt(bad)));
        }
        if (name.indexOf('\\') >= 0) {
            throw new InvalidPackageException(Reason.BAD_ENTRY_NAME, shown, what + " " + shown
                    + " contains a backslash; entry names separate folders with /");
        }
        if (name.startsWith("/")) {
            throw new InvalidPackageException(Reason.ABSOLUTE_PATH, shown, what + " " + shown
                    + " is an absolute path; entry names are relative to the package");
        }
        String[] segments = name.split("/", -1);
        for (String segment : segments) {
            if (segment.equals("..")) {
                throw new InvalidPackageException(Reason.PATH_TRAVERSAL, shown, what + " " + shown
                        + " climbs out with '..': extracting it would write outside its folder");
            }
        }
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".")) {
                throw new InvalidPackageException(Reason.BAD_ENTRY_NAME, shown, what + " " + shown
                        + " is not normalized (an empty or '.' segment: '//', './' or a trailing '/')");
            }
            if (utf8Length(segment) > MAX_SEGMENT_BYTES) {
                throw new InvalidPackageException(Reason.BAD_ENTRY_NAME, shown, what + " " + shown
                        + " has a segment longer than " + MAX_SEGMENT_BYTES + " bytes");
            }
        }
    }

    /**
     * The index of the first character no name may hold: C0 and C1 controls, DEL, the replacement character of an
     * invalid UTF-8 sequence, unpaired surrogates, line and paragraph separators and the bidirectional controls
     * that make a name display as another; -1 if there is none.
     */
    static int forbiddenCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFD || c == 0x2028 || c == 0x2029
                    || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                bad = true;
            } else if (Character.isLowSurrogate(c)) {
                bad = true;
            }
            if (bad) {
                return i;
            }
        }
        return -1;
    }

    private static void requireIdentifier(String what, String value) throws InvalidPackageException {
        if (value == null || value.isEmpty()) {
            throw field(what + " is missing");
        }
        if (value.indexOf('\0') >= 0) {
            throw field(what + " " + shown(value) + " contains a NUL character");
        }
        if (utf8Length(value) > MAX_IDENTIFIER_BYTES) {
            throw field(what + " " + shown(value) + " is longer than PostgreSQL's " + MAX_IDENTIFIER_BYTES
                    + " bytes");
        }
        if (hasUnpairedSurrogate(value)) {
            throw field(what + " " + shown(value) + " is not valid Unicode");
        }
    }

    private static void requireText(String what, String value, int maxLength, boolean required)
            throws InvalidPackageException {
        if (value == null) {
            if (required) {
                throw field(what + " is missing");
            }
            return;
        }
        if (value.length() > maxLength) {
            throw field(what + " is longer than " + maxLength + " characters");
        }
        if (forbiddenCharacter(value) >= 0) {
            throw field(what + " " + shown(value) + " contains a control or invalid character");
        }
    }

    private static void requireNoNul(String what, String value) throws InvalidPackageException {
        if (value != null && (value.indexOf('\0') >= 0 || hasUnpairedSurrogate(value))) {
            throw field(what + " " + shown(value) + " contains a NUL or invalid character");
        }
    }

    private static void requireInstant(String what, String value, boolean required) throws InvalidPackageException {
        requireText(what, value, 100, required);
        if (value != null) {
            try {
                Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw field(what + " '" + shown(value) + "' is not an ISO-8601 UTC instant");
            }
        }
    }

    private static void requireDigest(String what, String sha256, long bytes) throws InvalidPackageException {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw field(what + " has SHA-256 " + shown(sha256) + ", not 64 lower-case hex digits");
        }
        if (bytes < 0) {
            throw field(what + " has " + bytes + " bytes");
        }
    }

    private static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static InvalidPackageException field(String problem) {
        return new InvalidPackageException(Reason.MANIFEST_INVALID_FIELD, Manifest.ENTRY_NAME,
                Manifest.ENTRY_NAME + ": " + problem);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A name as it may be shown and logged: forbidden characters escaped, at most 300 characters. */
    static String shown(String name) {
        if (name == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < 300; i++) {
            char c = name.charAt(i);
            if (forbiddenCharacter(String.valueOf(c)) >= 0) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() >= 300 && name.length() > 300 ? out + "…" : out.toString();
    }

    private static String clip(String message) {
        if (message == null) {
            return "";
        }
        return shown(message.replace('\n', ' '));
    }

    // ---- streams

    /**
     * The package file as the tar reader sees it: counts bytes, notices the end of the file, refuses to read past
     * {@code maxFileBytes} (the file grew) or past the current allowance (headers too long). No mark/reset, so
     * every byte is read once.
     */
    private static final class Cursor extends InputStream {

        private final InputStream in;
        private final long maxFileBytes;
        private long position;
        private long allowedEnd = Long.MAX_VALUE;
        private Supplier<InvalidPackageException> overrun;
        private boolean atEnd;

        Cursor(InputStream in, long maxFileBytes) {
            this.in = in;
            this.maxFileBytes = maxFileBytes;
        }

        long position() {
            return position;
        }

        void allowUpTo(long end, Supplier<InvalidPackageException> overrun) {
            this.allowedEnd = end < 0 ? Long.MAX_VALUE : end;
            this.overrun = overrun;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            long room = Math.min(allowedEnd, maxFileBytes) - position;
            if (room <= 0) {
                // at a limit: fine if the file ends here, refused if it goes on
                if (in.read() < 0) {
                    atEnd = true;
                    return -1;
                }
                if (position >= maxFileBytes) {
                    throw new InvalidPackageException(Reason.TOO_LARGE, null, "the package grew past "
                            + maxFileBytes + " bytes while it was inspected");
                }
                throw overrun.get();
            }
            int n = in.read(buffer, offset, (int) Math.min(length, room));
            if (n < 0) {
                atEnd = true;
            } else {
                position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] scratch = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /**
     * The content of the current tar entry: hashed as it is read, reported as truncated if the file ends inside
     * it. Closing it does nothing (parsers close what they read; the tar stream must stay open).
     */
    private final class EntryContent extends InputStream {

        private final String name;
        private final MessageDigest sha = PackageSealer.sha256();
        private long read;
        private boolean failed;

        EntryContent(String name) {
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = tar.read(buffer, offset, length);
            } catch (IOException | RuntimeException e) {
                failed = true;
                InvalidPackageException refused = refusal(e);
                if (refused != null) {
                    throw refused;
                }
                if (cursor.atEnd) {
                    throw new InvalidPackageException(Reason.TRUNCATED, shown(name), "entry " + shown(name)
                            + " is cut short: the file ends after " + read + " of its bytes", e);
                }
                if (e instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) e;
            }
            if (n > 0) {
                sha.update(buffer, offset, n);
                read += n;
            }
            return n;
        }

        void drain() throws IOException {
            byte[] buffer = new byte[1 << 16];
            while (read(buffer, 0, buffer.length) >= 0) {
                // hashing is all that is left to do
            }
        }

        @Override
        public void close() {
            // the tar stream stays open for the next entry
        }
    }

    /** Decompressed rows, counted (bytes and line breaks) and cut off at the caps. */
    private static final class Inflated extends InputStream {

        private final InputStream in;
        private final long ratioCap;
        private final long totalLeft;
        private final String where;
        private final String entry;
        private final long compressedBytes;
        private long count;
        private long lineBreaks;

        Inflated(InputStream in, long ratioCap, long totalLeft, String where, String entry, long compressedBytes) {
            this.in = in;
            this.ratioCap = ratioCap;
            this.totalLeft = totalLeft;
            this.where = where;
            this.entry = entry;
            this.compressedBytes = compressedBytes;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n <= 0) {
                return n;
            }
            count += n;
            for (int i = offset; i < offset + n; i++) {
                if (buffer[i] == '\n') {
                    lineBreaks++;
                }
            }
            if (count > ratioCap) {
                throw new InvalidPackageException(Reason.DECOMPRESSION_BOMB, entry, where + " decompresses to more"
                        + " than " + ratioCap + " bytes from " + compressedBytes + " compressed bytes, beyond the"
                        + " compression ratio accepted; stopped before decompressing the rest");
            }
            if (count > totalLeft) {
                throw new InvalidPackageException(Reason.DECOMPRESSION_BOMB, entry, where + " takes the package's"
                        + " tables past the total decompressed size accepted; stopped there");
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
