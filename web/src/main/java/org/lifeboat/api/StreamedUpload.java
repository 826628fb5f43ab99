package org.lifeboat.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * The package file of an upload, read straight from the request body as it arrives: the multipart field
 * {@code file} (what curl -F and the CLI send) or a whole {@code application/octet-stream} body. Nothing is
 * spooled to the system's temporary folder and there is no size limit here; the caller copies the stream to the
 * work folder under its own cap (413 past it).
 */
final class StreamedUpload {

    static final String FIELD = "file";

    /** The package's stream and the file name the client gave (null when it gave none). */
    record Part(InputStream content, String fileName) {}

    private StreamedUpload() {}

    static Part open(HttpServletRequest request) throws IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase();
        if (type.startsWith("application/octet-stream")) {
            return new Part(request.getInputStream(), request.getParameter("name"));
        }
        if (!JakartaServletFileUpload.isMultipartContent(request)) {
            throw ApiError.of(Response.Status.UNSUPPORTED_MEDIA_TYPE, "not an upload",
                    "send the package as multipart/form-data field '" + FIELD + "' (curl -F file=@pkg.lifeboat.tar) "
                            + "or as an application/octet-stream body");
        }
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
        try {
            FileItemInputIterator parts = upload.getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (FIELD.equals(part.getFieldName()) && !part.isFormField()) {
                    return new Part(part.getInputStream(), part.getName());
                }
            }
        } catch (FileUploadException e) {
            throw ApiError.of(Response.Status.BAD_REQUEST, "malformed upload",
                    "the multipart body could not be read (" + e.getMessage() + "); send the package as field '"
                            + FIELD + "'");
        }
        throw ApiError.of(Response.Status.BAD_REQUEST, "file missing",
                "send the package as multipart/form-data field '" + FIELD + "'");
    }
}
