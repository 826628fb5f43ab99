package org.lifeboat.repository;

import org.lifeboat.archive.PackageSealer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Writes and reads package objects of one S3 repository. Uploads stream the file in parts of the repository's part
 * size (memory: two parts at most), each part with its SHA-256 for the store to check; the whole file's SHA-256 is
 * computed on the way and must equal the catalog's before the upload is completed, so the object appears under its
 * key only complete and as catalogued. A failed upload is aborted (nothing half-written remains). An existing key
 * is never overwritten. Requests are retried with backoff by the SDK's standard strategy (5xx, throttling, I/O
 * errors and timeouts; 3 attempts).
 */
public final class S3Store implements AutoCloseable {

    /** User metadata holding the whole file's SHA-256 (hex): a multipart object's own checksum is of its parts. */
    public static final String SHA256_METADATA = "lifeboat-sha256";

    /** Parts of one object uploaded at once (memory: that many parts, plus the one being filled). */
    static final int UPLOAD_THREADS = 4;

    /** User metadata of an encrypted object: the SHA-256 (hex) of the clear package it holds. */
    public static final String CLEAR_SHA256_METADATA = "lifeboat-clear-sha256";

    /**
     * The object under a key: its size, the whole-file SHA-256 the upload recorded and, for an encrypted object,
     * the clear package's (null if none: not every store keeps user metadata).
     */
    public record StoredObject(long bytes, String sha256, String clearSha256) {}

    private final Repository repository;
    private final S3Client s3;

    public S3Store(Repository repository) {
        this.repository = repository;
        String access = new String(repository.accessKey().require(repository.name(), "the access key"));
        String secret = new String(repository.secretKey().require(repository.name(), "the secret key"));
        this.s3 = S3Client.builder()
                .endpointOverride(repository.endpoint())
                .region(Region.of(repository.region()))
                .forcePathStyle(repository.pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(access, secret)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(60)))
                // S3-compatible stores: no default CRC32 trailers; Lifeboat sends the SHA-256 headers itself
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)
                        .apiCallAttemptTimeout(Duration.ofMinutes(5)))
                .build();
    }

    public Repository repository() {
        return repository;
    }

    /** The object under {@code key}, or empty when there is none. */
    public Optional<StoredObject> head(String key) {
        try {
            HeadObjectResponse h = s3.headObject(b -> b.bucket(repository.bucket()).key(key));
            return Optional.of(new StoredObject(h.contentLength(), h.metadata().get(SHA256_METADATA),
                    h.metadata().get(CLEAR_SHA256_METADATA)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Uploads {@code file} under {@code key}; the file's SHA-256 must be {@code sha256} (hex).
     *
     * @throws ObjectExistsException when the key holds an object already (it is left as it is)
     * @throws CopyMismatchException when the file read is not the catalogued one (the upload is aborted)
     */
    public StoredObject upload(Path file, String key, String sha256) throws IOException {
        long size = Files.size(file);
        StoredObject stored;
        try (ObjectSink sink = openUpload(key, Map.of(SHA256_METADATA, sha256));
             InputStream in = Files.newInputStream(file)) {
            in.transferTo(sink);
            if (!sink.sha256().equals(sha256)) {
                throw new CopyMismatchException(file, sink.sha256(), sha256);
            }
            stored = sink.complete();
        }
        // a store that keeps no user metadata (some filesystems under S3Proxy) still had every part's SHA-256 checked
        if (stored.bytes() != size || stored.sha256() != null && !sha256.equals(stored.sha256())) {
            throw new IOException("the object " + key + " holds " + stored.bytes() + " bytes with SHA-256 "
                    + stored.sha256() + " after its upload; the package has " + size + " bytes, SHA-256 " + sha256);
        }
        return stored;
    }

    /**
     * An object being written under {@code key}, whose size is known only at its end (an encrypted package): what
     * is written goes up in parts of the repository's part size, each with its SHA-256 for the store to check
     * (memory: one part). {@link #complete()} makes the object appear under its key; {@link #close()} without it
     * aborts the upload, so nothing half-written stays. A content shorter than one part is sent in one request.
     *
     * @throws ObjectExistsException when the key holds an object already
     */
    public ObjectSink openUpload(String key, Map<String, String> metadata) {
        return openUpload(key, metadata, true);
    }

    /**
     * As {@link #openUpload(String, Map)}; {@code digest} false when the writer computes the SHA-256 of what it
     * writes itself (an encryption does): then {@link ObjectSink#sha256()} is not available, one pass less.
     */
    public ObjectSink openUpload(String key, Map<String, String> metadata, boolean digest) {
        if (head(key).isPresent()) {
            throw new ObjectExistsException(repository.name(), key);
        }
        return new ObjectSink(key, metadata, digest);
    }

    /** See {@link #openUpload}. Not thread-safe; one writer. */
    public final class ObjectSink extends OutputStream {
        private final String key;
        private final Map<String, String> metadata;
        private byte[] part;
        private final MessageDigest whole;
        private final List<java.util.concurrent.Future<CompletedPart>> parts = new ArrayList<>();
        private final java.util.concurrent.BlockingQueue<byte[]> spare = new java.util.concurrent.LinkedBlockingQueue<>();
        private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(UPLOAD_THREADS);
        private java.util.concurrent.ExecutorService uploads;
        private int filled;
        private long total;
        private String uploadId;
        private boolean completed;
        private String sha;

        ObjectSink(String key, Map<String, String> metadata, boolean digest) {
            this.key = key;
            this.metadata = metadata;
            this.whole = digest ? PackageSealer.sha256() : null;
            this.part = new byte[repository.partSizeMiB() << 20];
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (completed) {
                throw new IOException("the object " + key + " is complete");
            }
            if (whole != null) {
                whole.update(b, off, len);
            }
            total += len;
            while (len > 0) {
                int n = Math.min(len, part.length - filled);
                System.arraycopy(b, off, part, filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == part.length) {
                    sendPart();
                }
            }
        }

        /**
         * Hands the filled part to one of {@value #UPLOAD_THREADS} uploads in flight (waiting for a free one: memory
         * stays at most that many parts plus the one being filled) and goes on filling a spare buffer.
         */
        private void sendPart() throws IOException {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(b -> locked(b.bucket(repository.bucket()).key(key)
                        .contentType("application/octet-stream").metadata(metadata)
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256))).uploadId();
                uploads = java.util.concurrent.Executors.newFixedThreadPool(UPLOAD_THREADS, r -> {
                    Thread t = new Thread(r, "lifeboat-s3-upload " + key);
                    t.setDaemon(true);
                    return t;
                });
            }
            failFast();
            byte[] body = part;
            int n = filled;
            int partNumber = parts.size() + 1;
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while uploading " + key);
            }
            String id = uploadId;
            parts.add(uploads.submit(() -> {
                try {
                    MessageDigest partSha = PackageSealer.sha256();
                    partSha.update(body, 0, n);
                    String partChecksum = base64(partSha.digest());
                    // from a stream over the buffer: no copy of the part (RequestBody.fromBytes would make one)
                    String etag = s3.uploadPart(b -> b.bucket(repository.bucket()).key(key).uploadId(id)
                            .partNumber(partNumber).contentLength((long) n).checksumSHA256(partChecksum),
                            RequestBody.fromInputStream(new java.io.ByteArrayInputStream(body, 0, n), n)).eTag();
                    return CompletedPart.builder().partNumber(partNumber).eTag(etag).checksumSHA256(partChecksum)
                            .build();
                } finally {
                    spare.offer(body);
                    inFlight.release();
                }
            }));
            byte[] next = spare.poll();
            part = next != null ? next : new byte[part.length];
            filled = 0;
        }

        /** Throws the first failure of a part upload that has ended, so that a dead store stops the writer soon. */
        private void failFast() throws IOException {
            for (java.util.concurrent.Future<CompletedPart> f : parts) {
                if (f.isDone()) {
                    done(f);
                }
            }
        }

        private CompletedPart done(java.util.concurrent.Future<CompletedPart> f) throws IOException {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while uploading " + key);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw new IOException("a part of " + key + " was not uploaded: " + cause.getMessage(), cause);
            }
        }

        /** The SHA-256 (hex) of everything written; ends the writing. */
        public String sha256() {
            if (sha == null) {
                if (whole == null) {
                    throw new IllegalStateException("the sink of " + key + " was opened without its own digest");
                }
                sha = HexFormat.of().formatHex(whole.digest());
            }
            return sha;
        }

        public long bytes() {
            return total;
        }

        /** Sends what is left and makes the object appear under its key; returns it as the store has it. */
        public StoredObject complete() throws IOException {
            if (uploadId == null) {
                byte[] body = java.util.Arrays.copyOf(part, filled);
                MessageDigest sha = PackageSealer.sha256();
                s3.putObject(b -> locked(b.bucket(repository.bucket()).key(key).contentLength((long) body.length)
                        .contentType("application/octet-stream").metadata(metadata)
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(base64(sha.digest(body)))),
                        RequestBody.fromBytes(body));
            } else {
                if (filled > 0) {
                    sendPart();
                }
                List<CompletedPart> uploaded = new ArrayList<>();
                for (java.util.concurrent.Future<CompletedPart> f : parts) {
                    uploaded.add(done(f));
                }
                s3.completeMultipartUpload(b -> b.bucket(repository.bucket()).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(uploaded)));
                uploads.shutdown();
            }
            completed = true;
            StoredObject stored = head(key).orElseThrow(() -> new IOException("the object " + key
                    + " is not there after its upload"));
            if (stored.bytes() != total) {
                throw new IOException("the object " + key + " holds " + stored.bytes() + " bytes after its upload; "
                        + total + " were sent");
            }
            return stored;
        }

        /** Aborts the upload unless it was completed: no part of it stays in the store. */
        @Override
        public void close() {
            if (uploads != null) {
                // the parts in flight end first (a part cut in the middle can stay in some stores even after the
                // abort), then the abort discards them all
                uploads.shutdown();
                try {
                    if (!uploads.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES)) {
                        uploads.shutdownNow();
                    }
                } catch (InterruptedException e) {
                    uploads.shutdownNow();
                    Thread.currentThread().interrupt();
                }
            }
            if (!completed && uploadId != null) {
                String id = uploadId;
                uploadId = null;
                s3.abortMultipartUpload(b -> b.bucket(repository.bucket()).key(key).uploadId(id));
            }
            completed = true;
        }
    }

    /** Writes a small object (a sidecar) under {@code key}, never over an existing one. */
    public void putSmall(String key, byte[] body) {
        if (head(key).isPresent()) {
            throw new ObjectExistsException(repository.name(), key);
        }
        s3.putObject(b -> locked(b.bucket(repository.bucket()).key(key).contentLength((long) body.length)
                .contentType("application/json").checksumAlgorithm(ChecksumAlgorithm.SHA256)
                .checksumSHA256(base64(PackageSealer.sha256().digest(body)))), RequestBody.fromBytes(body));
    }

    /** The repository's Object Lock retention on a new object, if it has one (S3 needs a checksum header: sent). */
    private software.amazon.awssdk.services.s3.model.PutObjectRequest.Builder locked(
            software.amazon.awssdk.services.s3.model.PutObjectRequest.Builder b) {
        Repository.ObjectLock lock = repository.objectLock();
        return lock == null ? b : b.objectLockMode(lock.mode()).objectLockRetainUntilDate(
                java.time.Instant.now().plus(java.time.Duration.ofDays(lock.days())));
    }

    private software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest.Builder locked(
            software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest.Builder b) {
        Repository.ObjectLock lock = repository.objectLock();
        return lock == null ? b : b.objectLockMode(lock.mode()).objectLockRetainUntilDate(
                java.time.Instant.now().plus(java.time.Duration.ofDays(lock.days())));
    }

    /** A small object (a sidecar) read whole, at most {@code max} bytes; empty when there is none. */
    public Optional<byte[]> readSmall(String key, int max) throws IOException {
        if (head(key).isEmpty()) {
            return Optional.empty();
        }
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(repository.bucket()).key(key))) {
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                in.abort();
                throw new IOException("the object " + key + " is larger than " + max + " bytes: not a sidecar");
            }
            return Optional.of(body);
        }
    }

    /** Deletes the object under {@code key} (no error if there is none; a locked object is refused by the store). */
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(repository.bucket()).key(key));
    }

    /** The object's content, streamed; the caller closes it. */
    public InputStream open(String key) {
        return s3.getObject(b -> b.bucket(repository.bucket()).key(key));
    }

    /** Streams the object into {@code out}; returns its SHA-256 (hex) as read. */
    public String download(String key, OutputStream out) throws IOException {
        MessageDigest sha = PackageSealer.sha256();
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(repository.bucket()).key(key))) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The manifest of the package under {@code key}: its first tar entry, read from the start of the object (the
     * rest is not downloaded).
     */
    public org.lifeboat.archive.Manifest manifest(String key) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(repository.bucket()).key(key));
             var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(in)) {
            var first = tar.getNextEntry();
            if (first == null || !first.getName().equals(org.lifeboat.archive.Manifest.ENTRY_NAME)) {
                throw new IOException("the first entry of " + key + " is not " + org.lifeboat.archive.Manifest.ENTRY_NAME);
            }
            byte[] json = tar.readNBytes((int) Math.min(first.getSize(), 64L << 20));
            try {
                return MANIFEST_JSON.readValue(json, org.lifeboat.archive.Manifest.class);
            } finally {
                in.abort(); // the rest of the object is not needed
            }
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MANIFEST_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper().disable(
                    com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The keys under the repository's prefix that end with {@code suffix}. */
    public List<String> keys(String suffix) {
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(repository.bucket()).prefix(repository.prefix())).contents()
                .forEach(o -> {
                    if (o.key().endsWith(suffix)) {
                        keys.add(o.key());
                    }
                });
        return keys;
    }

    @Override
    public void close() {
        s3.close();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] hexToBytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
