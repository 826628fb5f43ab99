package org.lifeboat.archive;

import static org.lifeboat.archive.EntryNameRules.MAX_NAME_BYTES;
import static org.lifeboat.archive.EntryNameRules.checkName;
import static org.lifeboat.archive.EntryNameRules.clip;
import static org.lifeboat.archive.EntryNameRules.forbiddenCharacter;
import static org.lifeboat.archive.EntryNameRules.hasUnpairedSurrogate;
import static org.lifeboat.archive.EntryNameRules.shown;
import static org.lifeboat.archive.EntryNameRules.utf8Length;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.lifeboat.archive.InvalidPackageException.Reason;

/**
 * The rules an uploaded package's manifest must follow: every field within bounds and free of characters that could
 * turn into something else, every listed entry under its folder, claimed by exactly one section with the same
 * digest, storage links that stay inside their root, no path both a file and a folder. It remembers what the
 * manifest lists, for {@link UploadInspector}'s pass over the entries: the manifest concern of the inspection.
 */
final class ManifestRules {

    private static final ObjectReader MANIFEST = PackageReader.JSON.readerFor(Manifest.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final UploadInspector.Limits limits;

    /** PostgreSQL's longest identifier (NAMEDATALEN - 1). */
    static final int MAX_IDENTIFIER_BYTES = 63;

    // the same patterns the profile loader enforces on source and storage root names
    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern ROOT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> FOLDERS = Set.of("data", "schema", "storage", "configuration", "secrets");
    private static final String STORAGE = "storage/";
    private static final String CONFIGURATION = "configuration/";
    private static final String SECRETS = "secrets/";

    /** Every regular entry the manifest lists, by name, in the manifest's order. */
    private final Map<String, Manifest.Entry> listed = new LinkedHashMap<>();

    /** The storage links the manifest declares, by entry name. */
    private final Map<String, Manifest.StoredFile> links = new LinkedHashMap<>();
    private final Map<String, Manifest.TableEntry> tables = new HashMap<>();

    /** Reads the manifest's JSON (a single object, nothing after it), refusing it with the line and field at fault. */
    static Manifest parse(InputStream content) throws IOException {
        try {
            return MANIFEST.readValue(content);
        } catch (JsonProcessingException e) {
            InvalidPackageException refused = TarFraming.refusal(e);
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
    }

    /** Every regular entry the manifest lists, by name, in the manifest's order. */
    Map<String, Manifest.Entry> listed() {
        return listed;
    }

    /** The storage links the manifest declares, by entry name. */
    Map<String, Manifest.StoredFile> links() {
        return links;
    }

    /** The table a table entry holds, by entry name; null for other entries. */
    Manifest.TableEntry table(String entry) {
        return tables.get(entry);
    }

    /** The manifest with absent lists as empty ones, so that callers need not guard against null. */
    static Manifest withoutNullLists(Manifest m) {
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

    /**
     * Checks every field of the manifest and records what it lists (entries, links, tables) for the entry pass.
     *
     * @throws InvalidPackageException naming the field at fault
     */
    void check(Manifest m) throws InvalidPackageException {
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

    private static InvalidPackageException field(String problem) {
        return new InvalidPackageException(Reason.MANIFEST_INVALID_FIELD, Manifest.ENTRY_NAME,
                Manifest.ENTRY_NAME + ": " + problem);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    ManifestRules(UploadInspector.Limits limits) {
        this.limits = limits;
    }
}
