package org.lifeboat.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads and validates {@code repositories.yaml} (beside the profiles). Every problem is reported with the file, the
 * line and the reason. Credentials are never in the file: it names the environment variables that hold them.
 *
 * <pre>
 * repositories:
 *   offsite:
 *     kind: s3
 *     endpoint: https://s3.eu-central-1.amazonaws.com
 *     region: eu-central-1
 *     bucket: acme-lifeboat
 *     prefix: packages/
 *     pathStyle: false
 *     accessKeyAlias: offsite-access-key     # in the credential store LifeboatCredentials (preferred)
 *     secretKeyAlias: offsite-secret-key
 *     accessKeyEnv: LIFEBOAT_S3_ACCESS_KEY   # or environment variables of the server
 *     secretKeyEnv: LIFEBOAT_S3_SECRET_KEY
 *     encryption:                            # optional: packages copied here are OpenPGP-encrypted
 *       recipients: [keys/offsite.pub.asc]   # public key files, relative to this file's folder
 *       passphraseEnv: LIFEBOAT_OFFSITE_PASSPHRASE   # and/or a passphrase (passphraseAlias: ...)
 *       privateKeyFile: keys/offsite.sec.asc # optional: lets this server decrypt on its own
 *       privateKeyPassphraseEnv: LIFEBOAT_OFFSITE_KEY_PASSPHRASE
 *     objectLock: {mode: compliance, days: 30}   # optional: S3 Object Lock retention on every object
 *     retention: {keepDaily: 7, keepWeekly: 4, keepMonthly: 12}   # optional: which copies it keeps
 * copies:
 *   "*": [offsite]        # every source's packages, after each backup
 * </pre>
 */
public final class RepositoryLoader {

    public static final String FILE_NAME = "repositories.yaml";

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    record FileSpec(Map<String, Spec> repositories, Map<String, List<String>> copies) {}

    record Spec(String kind, String endpoint, String region, String bucket, String prefix, Boolean pathStyle,
                String accessKeyEnv, String secretKeyEnv, String accessKeyAlias, String secretKeyAlias,
                Integer partSizeMiB, EncryptionSpec encryption, ObjectLockSpec objectLock, Repository.Retention retention) {}

    record ObjectLockSpec(String mode, Integer days) {}

    record EncryptionSpec(List<String> recipients, String passphraseEnv, String passphraseAlias,
                          String privateKeyFile, String privateKeyPassphraseEnv, String privateKeyPassphraseAlias) {}

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    public static boolean isRepositoriesFile(Path file) {
        return file.getFileName().toString().equals(FILE_NAME);
    }

    /** The repositories configured in {@code folder}; only {@code local} when the folder has no such file. */
    public Repositories load(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Repositories.none();
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new RepositoryConfigException(file, 0, "cannot read: " + e.getMessage());
        }
        return parse(file, text);
    }

    Repositories parse(Path file, String text) {
        String[] lines = text.split("\n", -1);
        FileSpec spec;
        try {
            spec = yaml.readValue(text, FileSpec.class);
        } catch (PropertyBindingException e) {
            int line = keyLine(lines, e.getPropertyName(), 0);
            throw new RepositoryConfigException(file, line > 0 ? line : lineOf(e),
                    "unknown key '" + e.getPropertyName() + "'; known keys here: " + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            throw new RepositoryConfigException(file, lineOf(e), e.getOriginalMessage()
                    .replaceAll("\\s*\\(class [^)]*\\)", "").replace("org.lifeboat.repository.", ""));
        }
        if (spec == null) {
            return Repositories.none();
        }
        Map<String, Repository> byName = new LinkedHashMap<>();
        byName.put(Repository.LOCAL, Repository.local());
        if (spec.repositories() != null) {
            for (Map.Entry<String, Spec> e : spec.repositories().entrySet()) {
                String name = e.getKey();
                int at = keyLine(lines, name, 0);
                byName.put(name, repository(file, lines, at, name, e.getValue()));
            }
        }
        Map<String, List<String>> copies = new LinkedHashMap<>();
        if (spec.copies() != null) {
            int section = keyLine(lines, "copies", 0);
            for (Map.Entry<String, List<String>> e : spec.copies().entrySet()) {
                int at = keyLine(lines, e.getKey(), section);
                if (!e.getKey().equals(Repositories.EVERY_SOURCE) && !NAME.matcher(e.getKey()).matches()) {
                    throw new RepositoryConfigException(file, at, "'" + e.getKey() + "' is not a source name (or \"*\" "
                            + "for every source)");
                }
                List<String> targets = e.getValue() == null ? List.of() : e.getValue();
                for (String target : targets) {
                    Repository r = byName.get(target);
                    if (r == null) {
                        throw new RepositoryConfigException(file, at, "copies of '" + e.getKey() + "' go to '" + target
                                + "', which is not a repository of this file (known: " + byName.keySet() + ")");
                    }
                    if (r.kind() == Repository.Kind.LOCAL) {
                        throw new RepositoryConfigException(file, at, "packages are written to 'local' by the backup "
                                + "itself: list only the repositories they are copied to");
                    }
                }
                if (targets.stream().distinct().count() != targets.size()) {
                    throw new RepositoryConfigException(file, at, "copies of '" + e.getKey()
                            + "' name a repository twice");
                }
                copies.put(e.getKey(), List.copyOf(targets));
            }
        }
        return new Repositories(Map.copyOf(byName), copies);
    }

    private static Repository repository(Path file, String[] lines, int at, String name, Spec s) {
        if (!NAME.matcher(name).matches()) {
            throw new RepositoryConfigException(file, at, "repository name '" + name
                    + "' must be lower case letters, digits, '-' or '_', starting with a letter");
        }
        if (s == null || s.kind() == null) {
            throw new RepositoryConfigException(file, at, "repository '" + name + "' needs a kind (s3)");
        }
        if (name.equals(Repository.LOCAL) || s.kind().equals("local")) {
            throw new RepositoryConfigException(file, at, "'local' is the server's backup folder "
                    + "(lifeboat.backup.dir) and needs no entry; other local folders are not supported yet");
        }
        if (!s.kind().equals("s3")) {
            throw new RepositoryConfigException(file, keyLine(lines, "kind", at), "repository '" + name
                    + "' has kind '" + s.kind() + "'; known kinds: s3 (local is implicit)");
        }
        URI endpoint;
        try {
            endpoint = URI.create(required(file, lines, at, name, "endpoint", s.endpoint()));
        } catch (IllegalArgumentException e) {
            throw new RepositoryConfigException(file, keyLine(lines, "endpoint", at), "endpoint of '" + name
                    + "' is not a URL: " + e.getMessage());
        }
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())
                || endpoint.getHost() == null) {
            throw new RepositoryConfigException(file, keyLine(lines, "endpoint", at), "endpoint of '" + name
                    + "' must be an http:// or https:// URL with a host, not '" + s.endpoint() + "'");
        }
        String bucket = required(file, lines, at, name, "bucket", s.bucket());
        if (!BUCKET.matcher(bucket).matches()) {
            throw new RepositoryConfigException(file, keyLine(lines, "bucket", at), "bucket '" + bucket
                    + "' of '" + name + "' is not a valid bucket name (3-63 lower case letters, digits, '.', '-')");
        }
        String prefix = s.prefix() == null ? "" : s.prefix();
        if (prefix.startsWith("/") || prefix.contains("..") || !prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new RepositoryConfigException(file, keyLine(lines, "prefix", at), "prefix of '" + name
                    + "' must be relative, without '..', and end with '/' (e.g. packages/), not '" + prefix + "'");
        }
        SecretRef access = secret(file, lines, at, name, "accessKey", s.accessKeyAlias(), s.accessKeyEnv(), true);
        SecretRef secret = secret(file, lines, at, name, "secretKey", s.secretKeyAlias(), s.secretKeyEnv(), true);
        int part = s.partSizeMiB() == null ? 16 : s.partSizeMiB();
        if (part < 5 || part > 512) {
            throw new RepositoryConfigException(file, keyLine(lines, "partSizeMiB", at), "partSizeMiB of '" + name
                    + "' must be 5 to 512 (S3's smallest part is 5 MiB), not " + part);
        }
        return new Repository(name, Repository.Kind.S3, endpoint,
                s.region() == null || s.region().isBlank() ? "us-east-1" : s.region(), bucket, prefix,
                s.pathStyle() == null || s.pathStyle(), access, secret, part,
                encryption(file, lines, keyLine(lines, "encryption", at), name, s.encryption()),
                objectLock(file, keyLine(lines, "objectLock", at), name, s.objectLock()),
                retention(file, keyLine(lines, "retention", at), name, s.retention()));
    }

    private static Repository.Retention retention(Path file, int at, String name, Repository.Retention r) {
        if (r == null) {
            return null;
        }
        List<Integer> values = java.util.Arrays.asList(r.keepDays(), r.keepCount(), r.keepDaily(), r.keepWeekly(),
                r.keepMonthly());
        if (values.stream().allMatch(java.util.Objects::isNull)) {
            throw new RepositoryConfigException(file, at, "retention of '" + name + "' keeps nothing in particular: "
                    + "give keepDays, keepCount, keepDaily, keepWeekly and/or keepMonthly (or no retention: keep all)");
        }
        if (values.stream().anyMatch(v -> v != null && v < 1)) {
            throw new RepositoryConfigException(file, at, "retention of '" + name + "': every keep value must be at "
                    + "least 1");
        }
        return r;
    }

    private static Repository.ObjectLock objectLock(Path file, int at, String name, ObjectLockSpec o) {
        if (o == null) {
            return null;
        }
        String mode = o.mode() == null ? "" : o.mode().toUpperCase(java.util.Locale.ROOT);
        if (!mode.equals("COMPLIANCE") && !mode.equals("GOVERNANCE")) {
            throw new RepositoryConfigException(file, at, "objectLock of '" + name + "' needs mode: compliance or "
                    + "governance, not '" + o.mode() + "'");
        }
        if (o.days() == null || o.days() < 1 || o.days() > 36500) {
            throw new RepositoryConfigException(file, at, "objectLock of '" + name + "' needs days: 1 to 36500 (how "
                    + "long each object cannot be deleted), not " + o.days());
        }
        return new Repository.ObjectLock(mode, o.days());
    }

    private static RepositoryEncryption encryption(Path file, String[] lines, int at, String name, EncryptionSpec e) {
        if (e == null) {
            return null;
        }
        Path folder = file.toAbsolutePath().getParent();
        List<Path> recipients = new java.util.ArrayList<>();
        for (String r : e.recipients() == null ? List.<String>of() : e.recipients()) {
            recipients.add(keyFile(file, lines, keyLine(lines, "recipients", at), name, folder, r));
        }
        SecretRef passphrase = secret(file, lines, at, name, "passphrase", e.passphraseAlias(), e.passphraseEnv(),
                false);
        if (recipients.isEmpty() && passphrase == null) {
            throw new RepositoryConfigException(file, at, "encryption of '" + name + "' names no recipient: give "
                    + "recipients (public key files) and/or passphraseEnv / passphraseAlias");
        }
        Path privateKey = e.privateKeyFile() == null ? null
                : keyFile(file, lines, keyLine(lines, "privateKeyFile", at), name, folder, e.privateKeyFile());
        SecretRef keyPassphrase = secret(file, lines, at, name, "privateKeyPassphrase",
                e.privateKeyPassphraseAlias(), e.privateKeyPassphraseEnv(), false);
        if (keyPassphrase != null && privateKey == null) {
            throw new RepositoryConfigException(file, keyLine(lines, "privateKeyPassphrase", at), "encryption of '"
                    + name + "' has a private key passphrase but no privateKeyFile");
        }
        return new RepositoryEncryption(recipients, passphrase, privateKey, keyPassphrase);
    }

    private static Path keyFile(Path file, String[] lines, int at, String name, Path folder, String value) {
        Path key;
        try {
            key = folder.resolve(value).normalize();
        } catch (java.nio.file.InvalidPathException ex) {
            throw new RepositoryConfigException(file, at, "key file '" + value + "' of '" + name
                    + "' is not a path: " + ex.getMessage());
        }
        if (!Files.isRegularFile(key)) {
            throw new RepositoryConfigException(file, at, "key file '" + value + "' of '" + name
                    + "' does not exist (looked for " + key + "); paths are relative to the folder of " + FILE_NAME);
        }
        return key;
    }

    /**
     * Where a secret is kept: {@code <key>Alias} (credential store) and/or {@code <key>Env}; {@code required}: one of
     * them must be given.
     */
    private static SecretRef secret(Path file, String[] lines, int at, String name, String key, String alias,
                                    String env, boolean required) {
        if (alias == null && env == null) {
            if (required) {
                throw new RepositoryConfigException(file, at, "repository '" + name + "' needs " + key + "Alias "
                        + "(an alias in the credential store) or " + key + "Env (an environment variable)");
            }
            return null;
        }
        if (env != null) {
            env(file, lines, at, name, key + "Env", env);
        }
        if (alias != null && !ALIAS.matcher(alias).matches()) {
            throw new RepositoryConfigException(file, keyLine(lines, key + "Alias", at), key + "Alias of '" + name
                    + "' must be a credential store alias (letters, digits, '-', '_', '.'), not a secret");
        }
        return new SecretRef(alias, env);
    }

    static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

    private static String required(Path file, String[] lines, int at, String name, String key, String value) {
        if (value == null || value.isBlank()) {
            throw new RepositoryConfigException(file, at, "repository '" + name + "' needs " + key);
        }
        return value;
    }

    private static String env(Path file, String[] lines, int at, String name, String key, String value) {
        String v = required(file, lines, at, name, key, value);
        if (!ENV_NAME.matcher(v).matches()) {
            throw new RepositoryConfigException(file, keyLine(lines, key, at), key + " of '" + name
                    + "' names an environment variable (e.g. LIFEBOAT_S3_ACCESS_KEY), not a credential: '"
                    + (v.length() > 4 ? v.substring(0, 2) + "…" : "…") + "' is not a variable name");
        }
        return v;
    }

    /** The 1-based line of {@code key:} at or after line {@code from} (1-based; 0: from the top), or 0. */
    static int keyLine(String[] lines, String key, int from) {
        Pattern p = Pattern.compile("^[\\s-]*[\"']?" + Pattern.quote(key) + "[\"']?\\s*:.*");
        for (int i = Math.max(0, from - 1); i < lines.length; i++) {
            if (p.matcher(lines[i]).matches()) {
                return i + 1;
            }
        }
        return from;
    }

    private static int lineOf(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }
}
