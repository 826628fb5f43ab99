package org.lifeboat.transfer;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.lifeboat.archive.Manifest;
import org.lifeboat.backup.BackupScope;
import org.lifeboat.backup.InvalidScopeException;
import org.lifeboat.backup.ScopeResolver;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SchemaCatalog;
import org.lifeboat.source.Table;
import org.lifeboat.source.TableRef;

/**
 * Which tables a department or subsystem import may carry: the tables of its scope as the profile defines them
 * (a department: all its subsystems' tables), resolved against the live catalog. The profile's shared tables are
 * never written by an import; they pass here only when the scope itself lists them (the restore skips them).
 */
public final class ImportTables {

    private ImportTables() {}

    /** The live tables of an import's scope. */
    public static Set<TableRef> ofScope(Profile profile, SchemaCatalog live, BackupScope scope) {
        if (scope.kind() != BackupScope.Kind.DEPARTMENT && scope.kind() != BackupScope.Kind.SUBSYSTEM) {
            throw new InvalidScopeException("an import is of a department or a subsystem, not of scope " + scope);
        }
        return ScopeResolver.tables(profile, live, scope).stream().map(Table::ref).collect(Collectors.toSet());
    }

    /** Refuses a package with any table outside the import's scope, naming each one. */
    public static void check(Profile profile, SchemaCatalog live, BackupScope scope, Manifest manifest) {
        Set<TableRef> allowed = ofScope(profile, live, scope);
        List<String> outside = manifest.tables().stream().map(t -> new TableRef(t.schema(), t.name()))
                .filter(ref -> !allowed.contains(ref)).map(TableRef::toString).sorted().toList();
        if (outside.isEmpty()) {
            return;
        }
        throw new TableOutsideScopeException(scope.toString(), outside);
    }
}
