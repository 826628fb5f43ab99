package org.lifeboat.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The documented error body {@code {"error": "...", "detail": "..."}} and the exception that carries it. */
public record ApiError(String error, String detail) {

    public static WebApplicationException of(Response.Status status, String error, String detail) {
        return new WebApplicationException(error, response(status.getStatusCode(), error, detail));
    }

    static Response response(int status, String error, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(error, detail)).build();
    }
}
