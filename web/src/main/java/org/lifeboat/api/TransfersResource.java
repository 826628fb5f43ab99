package org.lifeboat.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.lifeboat.operations.TransferScope;
import org.lifeboat.operations.TransferService;
import org.lifeboat.security.CurrentCaller;
import org.lifeboat.security.Role;

/**
 * Department and subsystem export and import (the HMS plan), as {@link TransferService} decides them. An export
 * is a backup job of that scope: {@code POST /exports/...} answers 202 at once and {@code GET /exports/{execution}}
 * fetches the file when it is ready; {@code GET /exports/...} starts it and answers with the file when the job has
 * ended, without holding a request thread meanwhile. An import is streamed in, checked, and merged by a job (202).
 */
@Path("/")
@RequestScoped
@RolesAllowed({Role.Names.ADMIN, Role.Names.OPERATOR, Role.Names.AUDITOR, Role.Names.DEPARTMENT_ADMIN})
public class TransfersResource {

    @Inject
    TransferService transfers;

    @Inject
    ExportWaiter waiter;

    @Inject
    CurrentCaller caller;

    /** Starts the export and answers with its file once the job ended (the request is suspended meanwhile). */
    @GET
    @Path("exports/{source}/{kind}/{id}")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    public void export(@PathParam("source") String source, @PathParam("kind") String kind,
                       @PathParam("id") String id, @Suspended AsyncResponse response) {
        TransferScope scope = transfers.scope(source, kind, id);
        long executionId = transfers.startExport(caller.get(), scope);
        waiter.answerWhenEnded(executionId, caller.get(), response);
    }

    /** Starts the export: 202 with the job's location and where to download the file when it is done. */
    @POST
    @Path("exports/{source}/{kind}/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response startExport(@PathParam("source") String source, @PathParam("kind") String kind,
                                @PathParam("id") String id) {
        long executionId = transfers.startExport(caller.get(), transfers.scope(source, kind, id));
        return started(executionId);
    }

    /** The file of export job {@code execution}: 200 when done, 202 while it runs, 409 when it ended without one. */
    @GET
    @Path("exports/{execution}")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    public Response exportFile(@PathParam("execution") String execution) throws IOException {
        long executionId = JobsResource.executionId(execution);
        TransferService.ExportState state = transfers.export(caller.get(), executionId);
        if (state.running()) {
            return Response.fromResponse(started(executionId)).header(HttpHeaders.RETRY_AFTER, 2).build();
        }
        return file(state);
    }

    @POST
    @Path("imports/{source}/{kind}/{id}")
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Response importFile(@PathParam("source") String source, @PathParam("kind") String kind,
                               @PathParam("id") String id, @Context jakarta.servlet.http.HttpServletRequest request)
            throws IOException {
        TransferScope scope = transfers.scope(source, kind, id);
        return JobsResource.accepted(transfers.startImport(caller.get(), scope, () -> StreamedUpload.open(request)));
    }

    /** The ended export as the answer: its file streamed, or the job's error (409). */
    static Response file(TransferService.ExportState state) throws IOException {
        if (!state.done()) {
            throw ApiError.of(Response.Status.CONFLICT, "export failed", "job " + state.executionId() + " ended "
                    + state.status() + (state.error() == null ? "" : ": " + state.error())
                    + "; GET /lifeboat/api/jobs/" + state.executionId() + " shows it");
        }
        java.nio.file.Path file = state.file();
        StreamingOutput body = out -> Files.copy(file, out);
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + state.fileName() + "\"")
                .header("Content-Length", Files.size(file))
                .build();
    }

    private static Response started(long executionId) {
        return Response.accepted(Map.of("executionId", executionId,
                        "download", "/lifeboat/api/exports/" + executionId)).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.LOCATION, "/lifeboat/api/jobs/" + executionId).build();
    }
}
