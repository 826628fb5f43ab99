package org.lifeboat.source;

import org.lifeboat.logging.LifeboatLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.lifeboat.backup.BackupScope;
import org.lifeboat.config.LifeboatSettings;

/**
 * The sources this server knows: one per profile YAML in the profiles folder. Profiles are re-read when a file
 * in the folder changes, so adding a source needs a datasource and a profile file, no redeploy.
 */
@ApplicationScoped
public class SourceRegistry {

    @Inject
    LifeboatSettings settings;

    private final ProfileLoader loader = new ProfileLoader();
    private Map<String, Profile> profiles = Map.of();
    private String loadedStamp = "";
    private List<ProfileException> invalid = List.of();


    public synchronized List<Profile> profiles() {
        Path folder = settings.profilesDir();
        String stamp = stamp(folder);
        if (!stamp.equals(loadedStamp)) {
            Map<String, Profile> loaded = new LinkedHashMap<>();
            ProfileLoader.Loaded found = loader.loadEach(folder);
            found.profiles().forEach(p -> loaded.put(p.source(), p));
            profiles = loaded;
            invalid = found.invalid();
            invalid.forEach(e -> LifeboatLog.LOG.profileSetAside(e.file() + (e.line() > 0 ? " line " + e.line() : ""),
                    e.reason()));
            loadedStamp = stamp;
        }
        return List.copyOf(profiles.values());
    }

    public Profile profile(String source) {
        return profiles().stream().filter(p -> p.source().equals(source)).findFirst().orElseThrow(() -> {
            for (ProfileException e : invalidProfiles()) {
                if (ProfileLoader.sourceOf(e.file()).equals(source)) {
                    return new SourceUnavailableException("the profile of source '" + source + "' is invalid: "
                            + e.getMessage(), e);
                }
            }
            return new UnknownSourceException(source, profiles.keySet());
        });
    }

    /** The profile files that could not be used, each with its file, line and reason (the others are used). */
    public synchronized List<ProfileException> invalidProfiles() {
        profiles();
        return List.copyOf(invalid);
    }

    /**
     * The department a scope of {@code source} belongs to (department and subsystem scopes), or null: for any
     * other scope, an unknown source or a scope that does not parse.
     */
    public String departmentOf(String source, String scope) {
        try {
            BackupScope s = BackupScope.parse(scope);
            return switch (s.kind()) {
                case DEPARTMENT -> s.argument();
                case SUBSYSTEM -> profile(source).departmentOf(s.argument()).map(Profile.Department::id).orElse(null);
                default -> null;
            };
        } catch (RuntimeException e) { // unknown source or scope: no department
            return null;
        }
    }

    public DataSource dataSource(Profile profile) {
        return dataSource(profile.source(), profile.datasource());
    }

    /** The datasource of a JNDI name a job recorded (the profile may point elsewhere by now). */
    public DataSource dataSource(String source, String jndiName) {
        try {
            return (DataSource) new InitialContext().lookup(jndiName);
        } catch (NamingException | ClassCastException e) {
            throw new SourceUnavailableException("datasource " + jndiName + " of source '" + source
                    + "' is not defined in WildFly (see wildfly-config/cli/lifeboat.cli)", e);
        }
    }

    /** Reads the live catalog of a source and checks every table its profile names. */
    public SchemaCatalog catalog(Profile profile) {
        try (Connection connection = dataSource(profile).getConnection()) {
            return catalog(profile, connection);
        } catch (SQLException e) {
            throw new SourceUnavailableException("cannot read the catalog of source '" + profile.source() + "': "
                    + e.getMessage(), e);
        }
    }

    /** Reads the catalog through a given connection (e.g. one attached to a backup's snapshot). */
    public SchemaCatalog catalog(Profile profile, Connection connection) throws SQLException {
        SchemaCatalog catalog = new CatalogReader().read(connection, profile.schemas());
        checkNamedTables(profile, catalog);
        return catalog;
    }

    /** Every table and column the profile names must exist; the error names the profile line. */
    static void checkNamedTables(Profile profile, SchemaCatalog catalog) {
        List<String> tables = new ArrayList<>(profile.sharedTables());
        tables.addAll(profile.naturalKeys().keySet());
        tables.addAll(profile.regenerate().keySet());
        profile.departments().forEach(d -> d.subsystems().forEach(s -> tables.addAll(s.tables())));
        tables.addAll(profile.restoreCounters().values());
        for (String name : tables) {
            Table table;
            try {
                table = catalog.table(name).orElse(null);
            } catch (IllegalArgumentException ambiguous) {
                throw new ProfileException(profile.file(), ProfileLoader.lineOf(profile.file(), name),
                        ambiguous.getMessage());
            }
            if (table == null) {
                throw new ProfileException(profile.file(), ProfileLoader.lineOf(profile.file(), name),
                        "table '" + name + "' does not exist in the database of source '" + profile.source() + "'");
            }
            for (Map<String, List<String>> byTable : List.of(profile.naturalKeys(), profile.regenerate())) {
                for (String column : byTable.getOrDefault(name, List.of())) {
                    if (table.column(column).isEmpty()) {
                        throw new ProfileException(profile.file(), ProfileLoader.lineOf(profile.file(), column),
                                "table '" + name + "' has no column '" + column + "'");
                    }
                }
            }
        }
    }

    private static String stamp(Path folder) {
        if (!Files.isDirectory(folder)) {
            return "missing";
        }
        StringBuilder stamp = new StringBuilder();
        try (var files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                stamp.append(f.getFileName()).append('@').append(Files.getLastModifiedTime(f).toMillis()).append(';');
            }
        } catch (IOException e) {
            return "unreadable";
        }
        return stamp.toString();
    }
}
