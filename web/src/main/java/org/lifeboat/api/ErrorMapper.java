package org.lifeboat.api;

import org.lifeboat.logging.LifeboatLog;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionIsRunningException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.lifeboat.archive.InvalidPackageException;
import org.lifeboat.backup.InvalidScopeException;
import org.lifeboat.catalog.PackageIntake;
import org.lifeboat.restore.RestoreException;
import org.lifeboat.jobs.JobErrors;
import org.lifeboat.source.ProfileException;
import org.lifeboat.source.SourceUnavailableException;
import org.lifeboat.source.UnknownSourceException;

/** Maps every failure to the documented JSON error with a status and a sentence a person can act on. */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {


    @jakarta.inject.Inject
    org.lifeboat.security.RefusalAudit refusals;

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.SecurityContext security;

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.UriInfo uri;

    /** Bad JSON in a request body: which line and column, and what was wrong, without Java class names. */
    private static Response malformedJson(com.fasterxml.jackson.core.JsonProcessingException e) {
        String what = e.getOriginalMessage() == null ? "not valid JSON" : e.getOriginalMessage()
                .replaceAll("`?[a-z]+(\\.[a-zA-Z0-9_$]+)+`?", "a value");
        if (what.length() > 300) {
            what = what.substring(0, 300) + "...";
        }
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
        String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                ? " (field '" + m.getPath().get(m.getPath().size() - 1).getFieldName() + "')" : "";
        return ApiError.response(400, "malformed JSON", "the request body is not the JSON this call takes"
                + field + where + ": " + what);
    }

    /** Role refusals nobody audited yet (the container's role check, Permissions' ForbiddenException). */
    private void auditRefusal(String reason) {
        try {
            refusals.refused(security == null || security.getUserPrincipal() == null ? null
                    : security.getUserPrincipal().getName(), org.lifeboat.audit.AuditAction.FORBIDDEN, uri == null ? null : uri.getPath(), reason);
        } catch (RuntimeException e) {
            LifeboatLog.LOG.refusalNotAudited(String.valueOf(e));
        }
    }

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable e = thrown instanceof EJBException && thrown.getCause() != null ? thrown.getCause() : thrown;
        // a request body Jackson could not read (wrapped by RESTEasy); Lifeboat's own exceptions say it themselves
        for (Throwable t = thrown; t != null && !t.getClass().getName().startsWith("org.lifeboat.");
             t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
                return malformedJson(json);
            }
        }
        if (e instanceof WebApplicationException web) {
            Response r = web.getResponse();
            if (r.hasEntity() && r.getEntity() instanceof String text) {
                // the container's own refusals (e.g. RESTEasy's role check) carry plain text: answer the JSON
                if (r.getStatus() == 403) {
                    auditRefusal("the caller's roles do not allow this call");
                }
                return ApiError.response(r.getStatus(), r.getStatusInfo().getReasonPhrase().toLowerCase(),
                        r.getStatus() == 403 ? "your role does not allow this call" : text);
            }
            if (r.hasEntity()) {
                return r;
            }
            if (r.getStatus() == 403) {
                auditRefusal("the caller's roles do not allow this call");
            }
            return ApiError.response(r.getStatus(), r.getStatusInfo().getReasonPhrase(), web.getMessage());
        }
        if (e instanceof InvalidPackageException invalid) {
            return Response.status("too-large".equals(invalid.reason()) ? 413 : 422).type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                    .entity(java.util.Map.of("error", "invalid package", "reason", invalid.reason(),
                            "detail", invalid.getMessage())).build();
        }
        if (e instanceof org.lifeboat.archive.PackageEncryptionException sealed) {
            return Response.status(422).type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                    .entity(java.util.Map.of("error", "cannot decrypt", "reason",
                            sealed.reason().toString().toLowerCase().replace('_', '-'), "detail", e.getMessage()))
                    .build();
        }
        if (e instanceof PackageIntake.NotTheCataloguedPackageException) {
            return ApiError.response(422, "not the catalogued package", e.getMessage());
        }
        if (e instanceof org.lifeboat.operations.RepositoryUnavailableException) {
            return ApiError.response(502, "repository unavailable", e.getMessage());
        }
        if (e instanceof PackageIntake.TooLargeException) {
            return ApiError.response(413, "too large", e.getMessage());
        }
        if (e instanceof org.lifeboat.security.ForbiddenException forbidden) {
            if (!forbidden.audited()) {
                auditRefusal(e.getMessage());
            }
            return ApiError.response(403, "forbidden", e.getMessage());
        }
        if (e instanceof org.lifeboat.operations.UploadFormatException invalid) {
            return ApiError.response(415, invalid.error(), e.getMessage());
        }
        if (e instanceof org.lifeboat.operations.InvalidRequestException invalid) {
            return ApiError.response(400, invalid.error(), e.getMessage());
        }
        if (e instanceof org.lifeboat.operations.UnknownResourceException unknown) {
            return ApiError.response(404, unknown.error(), e.getMessage());
        }
        if (e instanceof org.lifeboat.operations.PackageFileMissingException) {
            return ApiError.response(410, "package file missing", e.getMessage());
        }
        if (e instanceof org.lifeboat.restore.RestoreFailure.Failure failure) {
            java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("error", "restore refused");
            body.put("reason", failure.reason().code());
            if (failure.table() != null) {
                body.put("table", failure.table());
            }
            body.put("detail", e.getMessage());
            return Response.status(422).type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE).entity(body).build();
        }
        if (e instanceof RestoreException) {
            return ApiError.response(422, "restore refused", e.getMessage());
        }
        if (e instanceof org.lifeboat.batch.JobConflictException) {
            return ApiError.response(409, "job running", e.getMessage());
        }
        if (e instanceof org.lifeboat.batch.UnknownExecutionException) {
            return ApiError.response(404, "no such job execution", e.getMessage());
        }
        if (e instanceof org.lifeboat.batch.JobStateException) {
            return ApiError.response(409, "job state conflict", e.getMessage());
        }
        if (e instanceof UnknownSourceException) {
            return ApiError.response(404, "unknown source", e.getMessage());
        }
        if (e instanceof InvalidScopeException) {
            return ApiError.response(400, "invalid scope", e.getMessage());
        }
        if (e instanceof ProfileException) {
            // the source cannot be used until its profile is fixed; the message names the file, line and reason
            return ApiError.response(503, "invalid profile", e.getMessage());
        }
        if (e instanceof SourceUnavailableException) {
            return ApiError.response(503, "source unavailable", JobErrors.describe(e));
        }
        if (e instanceof NoSuchJobExecutionException) {
            return ApiError.response(404, "no such job execution", e.getMessage());
        }
        if (e instanceof JobExecutionIsRunningException || e instanceof JobExecutionAlreadyCompleteException
                || e instanceof JobExecutionNotMostRecentException || e instanceof JobExecutionNotRunningException
                || e instanceof JobRestartException) {
            return ApiError.response(409, "job state conflict", JobErrors.describe(e));
        }
        if (e instanceof EJBAccessException || e instanceof SecurityException) {
            auditRefusal("the caller's roles do not allow this call");
            return ApiError.response(403, "forbidden", "your role does not allow this");
        }
        LifeboatLog.LOG.unexpected(uri == null ? "a REST call" : uri.getPath(), e);
        return ApiError.response(500, "internal error", JobErrors.describe(e));
    }
}
