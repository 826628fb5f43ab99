package org.lifeboat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands of off-site repositories: copy a package to one, rescan one, bring a package back from one. */
final class RepositoryCommands {

    private RepositoryCommands() {}

    /** {@code lifeboat copy ID --repository R}: copies a package to an s3 repository now. */
    @Command(name = "copy", mixinStandardHelpOptions = true,
            description = "Copy a stored package to an s3 repository now (again, after a failed copy).")
    static class Copy extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "package id (see: lifeboat list)")
        long id;

        @Option(names = "--repository", required = true, description = "repository name (see repositories.yaml)")
        String repository;

        @Override
        public Integer call() {
            JsonNode copy = api().post("backups/" + id + "/copy?repository=" + LifeboatApi.encode(repository), null)
                    .json();
            if (json()) {
                out.println(copy.toString());
            } else {
                out.println("package " + id + " in " + repository + ": " + copy.path("state").asText().toLowerCase()
                        + " as " + copy.path("key").asText()
                        + (copy.hasNonNull("reason") ? " (" + copy.path("reason").asText() + ")" : ""));
            }
            return "FAILED".equals(copy.path("state").asText()) ? ExitCodes.SERVER_ERROR : ExitCodes.OK;
        }
    }

    /** {@code lifeboat rescan R}: catalogs the packages of repository R that the catalog does not know. */
    @Command(name = "rescan", mixinStandardHelpOptions = true,
            description = "Rebuild catalog entries from the packages in an s3 repository (a new server after the "
                    + "old one is gone); encrypted packages are listed from their sidecars, without the key.")
    static class Rescan extends ApiCommand {
        @Parameters(paramLabel = "REPOSITORY", description = "repository name (see repositories.yaml)")
        String repository;

        @Override
        public Integer call() {
            JsonNode found = api().post("repositories/" + LifeboatApi.encode(repository) + "/rescan", null).json();
            if (json()) {
                out.println(found.toString());
            } else {
                out.println(found.path("added").size() + " package(s) catalogued " + found.path("added") + ", "
                        + found.path("known").asInt() + " already known");
                for (JsonNode problem : found.path("problems")) {
                    out.println("  not a package: " + problem.asText());
                }
            }
            return ExitCodes.OK;
        }
    }

    /** The key options of fetch and rewrap: read from files, never from the command line. */
    static class KeyOptions {
        @Option(names = "--passphrase-file", description = "file holding the passphrase the package is encrypted with")
        Path passphraseFile;

        @Option(names = "--private-key", description = "OpenPGP private key file (gpg --export-secret-keys -a)")
        Path privateKey;

        @Option(names = "--key-passphrase-file", description = "file holding the passphrase of --private-key")
        Path keyPassphraseFile;

        Map<String, String> body(ApiCommand command, String repository) throws IOException {
            if (passphraseFile != null && privateKey != null) {
                throw command.usage("give --passphrase-file or --private-key, not both");
            }
            if (keyPassphraseFile != null && privateKey == null) {
                throw command.usage("--key-passphrase-file needs --private-key");
            }
            Map<String, String> body = new LinkedHashMap<>();
            body.put("repository", repository);
            if (passphraseFile != null) {
                body.put("passphrase", Files.readString(passphraseFile).strip());
            }
            if (privateKey != null) {
                body.put("privateKey", Files.readString(privateKey));
            }
            if (keyPassphraseFile != null) {
                body.put("privateKeyPassphrase", Files.readString(keyPassphraseFile).strip());
            }
            return body;
        }
    }

    /**
     * {@code lifeboat rewrap ID --repository R [key options]}: key rotation of one encrypted copy, re-wrapped for the
     * repository's current recipients.
     */
    @Command(name = "rewrap", mixinStandardHelpOptions = true,
            description = "Re-wrap an encrypted copy's session key for the repository's current keys (key rotation; "
                    + "the data is not re-encrypted); the key the copy was made for is given here or held by the server.")
    static class Rewrap extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "package id (see: lifeboat list)")
        long id;

        @Option(names = "--repository", required = true, description = "repository name (see repositories.yaml)")
        String repository;

        @picocli.CommandLine.Mixin
        KeyOptions keys = new KeyOptions();

        @Override
        public Integer call() throws IOException {
            JsonNode done = api().post("backups/" + id + "/rewrap", keys.body(this, repository)).json();
            if (json()) {
                out.println(done.toString());
            } else {
                out.println("package " + id + " in " + repository + " re-wrapped for "
                        + done.path("copy").path("encryption").asText() + " as " + done.path("copy").path("key").asText()
                        + "; the old object " + done.path("oldKey").asText() + " " + done.path("oldObject").asText());
            }
            return ExitCodes.OK;
        }
    }

    /**
     * {@code lifeboat fetch ID --repository R [--passphrase-file F | --private-key FILE [--key-passphrase-file F]]}:
     * brings a package back from a repository to the server, so that it can be restored. The key is read from files
     * (never from the command line, where {@code ps} would show it) and sent with this one request.
     */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Bring a package back from a repository to the server (decrypting it with the key given "
                    + "here, or the server's own), checked like an upload; then it can be restored.")
    static class Fetch extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "package id (see: lifeboat list)")
        long id;

        @Option(names = "--repository", required = true, description = "repository name (see repositories.yaml)")
        String repository;

        @picocli.CommandLine.Mixin
        KeyOptions keys = new KeyOptions();

        @Override
        public Integer call() throws IOException {
            Map<String, String> body = keys.body(this, repository);
            JsonNode p = api().post("backups/" + id + "/fetch", body).json();
            if (json()) {
                out.println(p.toString());
            } else {
                out.println("package " + id + " is on the server: " + p.path("file").asText() + " ("
                        + ListCommand.size(p.path("sizeBytes").asLong()) + ", " + p.path("origin").asText() + ")");
            }
            return ExitCodes.OK;
        }
    }
}
