package org.lifeboat.backup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SchemaCatalog;
import org.lifeboat.source.Table;
import org.lifeboat.source.TableRef;

/** Turns a scope into the tables it covers, checked against the live catalog. */
public final class ScopeResolver {

    private ScopeResolver() {}

    /** Tables of the scope, in name order; fails with a clear sentence for every name that does not resolve. */
    public static List<Table> tables(Profile profile, SchemaCatalog catalog, BackupScope scope) {
        return switch (scope.kind()) {
            case STORAGE, CONFIGURATION -> List.of();
            case FULL, DATABASE -> wholeDatabase(profile, catalog);
            case DEPARTMENT -> {
                Profile.Department department = profile.department(scope.argument())
                        .orElseThrow(() -> new InvalidScopeException("source '" + profile.source()
                                + "' has no department '" + scope.argument() + "'; known: " + profile.departments()
                                .stream().map(Profile.Department::id).collect(Collectors.joining(", "))));
                List<String> names = new ArrayList<>();
                department.subsystems().forEach(s -> names.addAll(s.tables()));
                yield named(profile, catalog, names, "department " + department.id());
            }
            case SUBSYSTEM -> {
                Profile.Subsystem subsystem = profile.subsystem(scope.argument())
                        .orElseThrow(() -> new InvalidScopeException("source '" + profile.source()
                                + "' has no subsystem '" + scope.argument() + "'; known: " + profile.departments()
                                .stream().flatMap(d -> d.subsystems().stream()).map(Profile.Subsystem::id)
                                .collect(Collectors.joining(", "))));
                yield named(profile, catalog, subsystem.tables(), "subsystem " + subsystem.id());
            }
            case TABLES -> named(profile, catalog, scope.tableNames(), "the scope");
        };
    }

    /**
     * Every table the profile includes. A live table that is neither included nor explicitly excluded is an
     * error: a backup must never skip a table silently.
     */
    static List<Table> wholeDatabase(Profile profile, SchemaCatalog catalog) {
        List<Pattern> include = profile.include().stream().map(ScopeResolver::glob).toList();
        List<Pattern> exclude = profile.exclude().stream().map(ScopeResolver::glob).toList();
        List<Table> tables = new ArrayList<>();
        Set<String> unaccounted = new TreeSet<>();
        for (Table table : catalog.tables()) {
            boolean excluded = matches(exclude, table.ref());
            boolean included = matches(include, table.ref());
            if (included && !excluded) {
                tables.add(table);
            } else if (!excluded) {
                unaccounted.add(table.ref().toString());
            }
        }
        if (!unaccounted.isEmpty()) {
            throw new InvalidScopeException("tables " + unaccounted + " of source '" + profile.source()
                    + "' are neither included nor excluded by its profile; add them to 'include' or 'exclude' in "
                    + profile.file().getFileName() + " so no table is skipped silently");
        }
        return tables;
    }

    private static List<Table> named(Profile profile, SchemaCatalog catalog, List<String> names, String where) {
        Set<Table> tables = new LinkedHashSet<>();
        for (String name : names) {
            Table table;
            try {
                table = catalog.table(name).orElseThrow(() -> new InvalidScopeException("table '" + name
                        + "' named by " + where + " does not exist in the database of source '" + profile.source()
                        + "' (schemas " + profile.schemas() + ")"));
            } catch (IllegalArgumentException ambiguous) {
                throw new InvalidScopeException(ambiguous.getMessage());
            }
            tables.add(table);
        }
        return tables.stream().sorted((a, b) -> a.ref().compareTo(b.ref())).toList();
    }

    private static boolean matches(List<Pattern> patterns, TableRef ref) {
        return patterns.stream().anyMatch(p -> p.matcher(ref.name()).matches() || p.matcher(ref.toString()).matches());
    }

    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
