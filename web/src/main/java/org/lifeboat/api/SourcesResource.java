package org.lifeboat.api;

import org.lifeboat.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.backup.BackupScope;
import org.lifeboat.backup.ScopeResolver;
import org.lifeboat.jobs.JobErrors;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;

/** {@code GET /sources}: the sources, their live tables, departments and subsystems. */
@Path("/sources")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.OPERATOR, Role.Names.AUDITOR, Role.Names.DEPARTMENT_ADMIN})
public class SourcesResource {

    public record SubsystemView(String id, String name, List<String> tables) {}

    public record DepartmentView(String id, String name, List<SubsystemView> subsystems) {}

    public record SourceView(String name, String description, String datasource, List<String> tables,
                             List<DepartmentView> departments, List<String> storage, String error) {}

    @Inject
    SourceRegistry sources;

    @Inject
    org.lifeboat.security.CurrentCaller caller;

    @GET
    public List<SourceView> list() {
        List<SourceView> views = new ArrayList<>();
        for (Profile profile : sources.profiles()) {
            if (!org.lifeboat.security.Permissions.maySeeSource(caller.get(), profile.source())) {
                continue; // a department admin sees only the sources it holds a department of
            }
            List<String> tables = List.of();
            String error = null;
            try {
                tables = ScopeResolver.tables(profile, sources.catalog(profile), BackupScope.parse("database"))
                        .stream().map(t -> t.ref().name()).toList();
            } catch (RuntimeException e) {
                error = JobErrors.describe(e);
            }
            List<DepartmentView> departments = profile.departments().stream()
                    .map(d -> new DepartmentView(d.id(), d.name(), d.subsystems().stream()
                            .map(s -> new SubsystemView(s.id(), s.name(), s.tables())).toList()))
                    .toList();
            views.add(new SourceView(profile.source(), profile.description(), profile.datasource(), tables,
                    departments, profile.storage().stream().map(Profile.StorageRoot::name).toList(), error));
        }
        for (org.lifeboat.source.ProfileException invalid : sources.invalidProfiles()) {
            // only this source is unavailable; its entry says which file, line and why
            String name = org.lifeboat.source.ProfileLoader.sourceOf(invalid.file());
            if (org.lifeboat.security.Permissions.maySeeSource(caller.get(), name)) {
                views.add(new SourceView(name, null, null, List.of(), List.of(), List.of(),
                        "invalid profile " + invalid.getMessage()));
            }
        }
        return views;
    }
}
