package org.lifeboat.cli;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body with one field, {@code file}, whose bytes are read from disk while the request
 * is sent: a package of several gigabytes never sits in memory.
 */
record MultipartFile(String boundary, Path file) {

    static MultipartFile of(Path file) throws FileNotFoundException {
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("no such file: " + file);
        }
        return new MultipartFile("lifeboat-" + UUID.randomUUID(), file);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    HttpRequest.BodyPublisher publisher() throws FileNotFoundException {
        // quotes and line breaks would end the header early; the server only uses the name for the audit log
        String name = file.getFileName().toString().replaceAll("[\"\\\\\r\n]", "_");
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        return HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofString(head),
                HttpRequest.BodyPublishers.ofFile(file),
                HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
    }
}
