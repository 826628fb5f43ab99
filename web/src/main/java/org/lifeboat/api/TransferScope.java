package org.lifeboat.api;

import jakarta.ws.rs.core.Response;
import org.lifeboat.backup.BackupScope;
import org.lifeboat.source.Profile;

/**
 * The department or subsystem of an export or import, resolved against the profile, with who may touch it: a
 * backup-admin anywhere, a department admin only in its own department and that department's subsystems.
 */
record TransferScope(Profile profile, String kind, String id, String department) {

    static TransferScope resolve(Profile profile, String kind, String id) {
        return switch (kind) {
            case "department" -> new TransferScope(profile, kind, id, profile.department(id)
                    .orElseThrow(() -> ApiError.of(Response.Status.NOT_FOUND, "no such department", "source '"
                            + profile.source() + "' has no department '" + id + "'; GET /lifeboat/api/sources lists them"))
                    .id());
            case "subsystem" -> {
                profile.subsystem(id).orElseThrow(() -> ApiError.of(Response.Status.NOT_FOUND, "no such subsystem",
                        "source '" + profile.source() + "' has no subsystem '" + id
                                + "'; GET /lifeboat/api/sources lists them"));
                yield new TransferScope(profile, kind, id, profile.departmentOf(id).orElseThrow().id());
            }
            default -> throw ApiError.of(Response.Status.NOT_FOUND, "unknown scope",
                    "use /department/<id> or /subsystem/<id> (got /" + kind + "/)");
        };
    }

    org.lifeboat.security.Decision permission(org.lifeboat.security.Caller caller) {
        return org.lifeboat.security.Permissions.mayTransfer(caller, profile.source(), department);
    }

    BackupScope backupScope() {
        return BackupScope.parse(kind + ":" + id);
    }

    @Override
    public String toString() {
        return kind + ":" + id;
    }
}
