package org.lifeboat.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** The REST API as a script sees it: HTTP Basic, JSON in and out. */
final class LifeboatClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String authorization;

    LifeboatClient(URI base, String user, String password) {
        this.base = base;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static LifeboatClient admin(URI base) {
        return new LifeboatClient(base, "admin", "admin-demo");
    }

    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    Reply post(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** POST of one file as multipart/form-data field {@code file}. */
    Reply upload(String path, String fileName, byte[] content) throws IOException, InterruptedException {
        String boundary = "lifeboat" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** GET of a binary body (a package download). */
    HttpResponse<byte[]> download(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    Reply put(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply send(String method, String path) throws IOException, InterruptedException {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }

    /** Polls a job until it ends and returns its last view. */
    JsonNode awaitJob(long executionId, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode job;
        do {
            Thread.sleep(250);
            job = get("api/jobs/" + executionId).json();
            String status = job.path("status").asText();
            if (status.equals("COMPLETED") || status.equals("FAILED") || status.equals("STOPPED")
                    || status.equals("ABANDONED")) {
                return job;
            }
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("job " + executionId + " did not end within " + timeout + ": " + job);
    }

    /** Starts a backup and returns its execution id (asserting 202 and the Location header). */
    long startBackup(String source, String scope) throws IOException, InterruptedException {
        Reply r = post("api/backups", "{\"source\":\"" + source + "\",\"scope\":\"" + scope + "\"}");
        if (r.status() != 202) {
            throw new AssertionError("backup not accepted: " + r.status() + " " + r.body());
        }
        long id = r.json().get("executionId").asLong();
        if (!("/lifeboat/api/jobs/" + id).equals(r.header("Location"))) {
            throw new AssertionError("Location header: " + r.header("Location"));
        }
        return id;
    }
}
