package org.lifeboat.api;

import jakarta.servlet.http.HttpServletRequest;
import org.lifeboat.operations.InvalidRequestException;
import org.lifeboat.operations.PackageService;
import org.lifeboat.operations.UploadFormatException;
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


    private StreamedUpload() {}

    static PackageService.Incoming open(HttpServletRequest request) throws IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase();
        if (type.startsWith("application/octet-stream")) {
            return new PackageService.Incoming(request.getInputStream(), request.getParameter("name"));
        }
        if (!JakartaServletFileUpload.isMultipartContent(request)) {
            throw new UploadFormatException(
                    "send the package as multipart/form-data field '" + FIELD + "' (curl -F file=@pkg.lifeboat.tar) "
                            + "or as an application/octet-stream body");
        }
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
        try {
            FileItemInputIterator parts = upload.getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (FIELD.equals(part.getFieldName()) && !part.isFormField()) {
                    return new PackageService.Incoming(part.getInputStream(), part.getName());
                }
            }
        } catch (FileUploadException e) {
            throw new InvalidRequestException("malformed upload",
                    "the multipart body could not be read (" + e.getMessage() + "); send the package as field '"
                            + FIELD + "'");
        }
        throw new InvalidRequestException("file missing",
                "send the package as multipart/form-data field '" + FIELD + "'");
    }
}
