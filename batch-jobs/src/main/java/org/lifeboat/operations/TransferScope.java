package org.lifeboat.operations;

import org.lifeboat.backup.BackupScope;
import org.lifeboat.security.Caller;
import org.lifeboat.security.Decision;
import org.lifeboat.security.Permissions;
import org.lifeboat.source.Profile;

/**
 * The department or subsystem of an export or import, resolved against the profile, with who may touch it: a
 * backup-admin anywhere, a department admin only in its own department and that department's subsystems.
 */
public record TransferScope(Profile profile, String kind, String id, String department) {

    /** @throws UnknownResourceException when the profile has no such department or subsystem */
    public static TransferScope resolve(Profile profile, String kind, String id) {
        return switch (kind) {
            case "department" -> new TransferScope(profile, kind, id, profile.department(id)
                    .orElseThrow(() -> new UnknownResourceException("no such department", "source '"
                            + profile.source() + "' has no department '" + id + "'; GET /lifeboat/api/sources lists them"))
                    .id());
            case "subsystem" -> {
                profile.subsystem(id).orElseThrow(() -> new UnknownResourceException("no such subsystem",
                        "source '" + profile.source() + "' has no subsystem '" + id
                                + "'; GET /lifeboat/api/sources lists them"));
                yield new TransferScope(profile, kind, id, profile.departmentOf(id).orElseThrow().id());
            }
            default -> throw new UnknownResourceException("unknown scope",
                    "use /department/<id> or /subsystem/<id> (got /" + kind + "/)");
        };
    }

    Decision permission(Caller caller) {
        return Permissions.mayTransfer(caller, profile.source(), department);
    }

    public BackupScope backupScope() {
        return BackupScope.parse(kind + ":" + id);
    }

    @Override
    public String toString() {
        return kind + ":" + id;
    }
}
