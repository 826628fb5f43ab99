package org.lifeboat.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * The Lifeboat REST API ({@code <url>/api/...}) over {@code java.net.http}: HTTP Basic, JSON in and out, files
 * streamed both ways. Any answer outside 2xx becomes an {@link ApiException} carrying the server's sentence.
 */
public final class LifeboatApi {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** JSON calls may run a dry run over a big package; downloads and uploads have no time limit at all. */
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(10);

    /** HTTP/1.1: no h2c upgrade dance in front of a multi-gigabyte upload. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final ConnectionSettings settings;

    public LifeboatApi(ConnectionSettings settings) {
        this.settings = settings;
    }

    /** A 2xx answer: status and body as text (for {@code --json}) and as a tree. */
    public record Reply(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new ApiException(status, "unexpected answer", "the server did not answer with JSON: "
                        + abbreviate(body));
            }
        }
    }

    public Reply get(String path) {
        return send(request(path).timeout(CALL_TIMEOUT).GET());
    }

    public Reply post(String path, Object body) {
        String json;
        try {
            json = body == null ? "" : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write request body", e);
        }
        return send(request(path).timeout(CALL_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** POSTs a file as multipart field {@code file}, read from disk while it is sent. */
    public Reply upload(String path, Path file) throws IOException {
        MultipartFile part = MultipartFile.of(file);
        return send(request(path).header("Content-Type", part.contentType()).POST(part.publisher()));
    }

    /**
     * GETs a file and streams it to disk (see {@link PackageDownload} for where it goes).
     *
     * @param output a file or folder given with {@code -o}, or null for the current folder
     * @param fallbackName the name to use when the server does not send one
     */
    public PackageDownload.Saved download(String path, Path output, String fallbackName) throws IOException {
        HttpResponse<InputStream> response = exchange(request(path).GET(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw failure(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            return PackageDownload.save(body, response.headers(), output, fallbackName);
        }
    }

    public static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Reply send(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw failure(response.statusCode(), response.body());
        }
        return new Reply(response.statusCode(), response.body());
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request.build(), handler);
        } catch (IOException e) {
            throw new ServerUnreachableException(settings.url(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachableException(settings.url(), e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.url() + "/api/" + path))
                .header("Accept", "application/json, */*");
        if (settings.user() != null) {
            String credentials = settings.user() + ":" + (settings.password() == null ? "" : settings.password());
            builder.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    /** Reads the documented {"error", "detail"} body; a body in another shape is quoted as it is. */
    static ApiException failure(int status, String body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.hasNonNull("error")) {
                String detail = json.path("detail").asText(json.path("reason").asText(""));
                return new ApiException(status, json.get("error").asText(), detail);
            }
        } catch (JsonProcessingException e) {
            // not JSON: an error page from a proxy or a wrong URL
        }
        return new ApiException(status, "HTTP " + status, body == null || body.isBlank()
                ? "the server gave no reason" : abbreviate(body));
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }
}
