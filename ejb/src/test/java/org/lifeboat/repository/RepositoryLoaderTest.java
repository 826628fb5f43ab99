package org.lifeboat.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryLoaderTest {

    private static final String OFFSITE = """
            repositories:
              offsite:
                kind: s3
                endpoint: https://s3.example.org
                bucket: acme-lifeboat
                prefix: packages/
                accessKeyEnv: LIFEBOAT_S3_ACCESS_KEY
                secretKeyEnv: LIFEBOAT_S3_SECRET_KEY
            copies:
              "*": [offsite]
              hms: []
            """;

    @TempDir
    Path dir;

    private Repositories load(String text) throws Exception {
        Files.writeString(dir.resolve(RepositoryLoader.FILE_NAME), text);
        return new RepositoryLoader().load(dir);
    }

    private String refusal(String text) {
        return assertThrows(RepositoryConfigException.class, () -> load(text)).getMessage();
    }

    @Test
    void a_folder_without_the_file_has_only_local_and_copies_nothing() {
        Repositories none = new RepositoryLoader().load(dir);
        assertEquals(List.of(), none.copiesOf("edms"));
        assertTrue(none.named("local").isPresent());
    }

    @Test
    void every_source_is_copied_to_offsite_unless_it_has_an_entry_of_its_own() throws Exception {
        Repositories r = load(OFFSITE);
        Repository offsite = r.copiesOf("edms").get(0);
        assertEquals("acme-lifeboat", offsite.bucket());
        assertEquals("us-east-1", offsite.region()); // default
        assertTrue(offsite.pathStyle());
        assertEquals(16, offsite.partSizeMiB());
        assertEquals("packages/edms/x.lifeboat.tar", offsite.keyOf("edms", "x.lifeboat.tar"));
        assertEquals(List.of(), r.copiesOf("hms"));
    }

    @Test
    void a_credential_in_the_file_is_refused_with_its_line_and_not_repeated() {
        String message = refusal(OFFSITE.replace("LIFEBOAT_S3_SECRET_KEY", "wJalrXUtnFEMI/K7MDENG"));
        assertTrue(message.startsWith("repositories.yaml:8: secretKeyEnv of 'offsite' names an environment variable"),
                message);
        assertTrue(!message.contains("wJalrXUtnFEMI"), message);
    }

    @Test
    void unknown_keys_kinds_repositories_and_bad_values_name_file_line_and_reason() {
        refused(OFFSITE.replace("prefix:", "prefx:"), "repositories.yaml:6: unknown key 'prefx'");
        refused(OFFSITE.replace("kind: s3", "kind: ftp"), ":3: repository 'offsite' has kind 'ftp'");
        refused(OFFSITE.replace("[offsite]", "[elsewhere]"), ":10: copies of '*' go to 'elsewhere'");
        refused(OFFSITE.replace("https://s3.example.org", "s3.example.org"), ":4: endpoint of");
        refused(OFFSITE.replace("packages/", "/abs"), ":6: prefix of 'offsite' must be relative");
        refused(OFFSITE.replace("[offsite]", "[local]"), "packages are written to 'local'");
    }

    private void refused(String text, String expected) {
        String message = refusal(text);
        assertTrue(message.contains(expected), message);
    }

    @Test
    void credentials_may_come_from_the_credential_store_and_encryption_names_key_files_beside_the_file()
            throws Exception {
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/offsite.pub.asc"), "not read at load time\n");
        String text = """
                repositories:
                  vault:
                    kind: s3
                    endpoint: https://s3.example.org
                    bucket: acme-vault
                    accessKeyAlias: vault-access-key
                    secretKeyEnv: LIFEBOAT_S3_SECRET_KEY
                    encryption:
                      recipients: [keys/offsite.pub.asc]
                      passphraseEnv: LIFEBOAT_VAULT_PASSPHRASE
                """;
        Repository vault = load(text).named("vault").orElseThrow();
        assertEquals(new SecretRef("vault-access-key", null), vault.accessKey());
        assertEquals(new SecretRef(null, "LIFEBOAT_S3_SECRET_KEY"), vault.secretKey());
        assertTrue(vault.encrypted());
        assertEquals(List.of(dir.resolve("keys/offsite.pub.asc").toAbsolutePath()), vault.encryption().recipients());
        assertEquals("LIFEBOAT_VAULT_PASSPHRASE", vault.encryption().passphrase().env());
        assertEquals("edms/x.lifeboat.tar.gpg", vault.keyOf("edms", "x.lifeboat.tar"));
        assertTrue(vault.secretKey().where().contains("LIFEBOAT_S3_SECRET_KEY"));

        refused(text.replace("keys/offsite.pub.asc", "keys/missing.asc"),
                "repositories.yaml:9: key file 'keys/missing.asc' of 'vault' does not exist");
        refused(text.replace("      recipients: [keys/offsite.pub.asc]\n", "")
                .replace("      passphraseEnv: LIFEBOAT_VAULT_PASSPHRASE\n", "      privateKeyFile: keys/offsite.pub.asc\n"),
                ":8: encryption of 'vault' names no recipient");
        refused(text.replace("passphraseEnv:", "passphrase:"), "unknown key 'passphrase'");
        refused(text.replace("    accessKeyAlias: vault-access-key\n", ""), "repository 'vault' needs accessKeyAlias");
        refused(text.replace("vault-access-key", "AKIA/abc+def"), "accessKeyAlias of 'vault' must be a credential");

        Repository locked = load(text + "    objectLock: {mode: compliance, days: 30}\n").named("vault").orElseThrow();
        assertEquals(new Repository.ObjectLock("COMPLIANCE", 30), locked.objectLock());
        refused(text + "    objectLock: {mode: forever, days: 30}\n", ":11: objectLock of 'vault' needs mode");
        refused(text + "    objectLock: {mode: governance}\n", "objectLock of 'vault' needs days: 1 to 36500");

        Repository keeping = load(text + "    retention: {keepDaily: 7, keepMonthly: 12}\n").named("vault").orElseThrow();
        assertEquals(new Repository.Retention(null, null, 7, null, 12), keeping.retention());
        assertEquals("7 daily, 12 monthly", keeping.retention().toString());
        refused(text + "    retention: {}\n", ":11: retention of 'vault' keeps nothing in particular");
        refused(text + "    retention: {keepCount: 0}\n", "every keep value must be at least 1");
        refused(text + "    retention: {keepYearly: 3}\n", "unknown key 'keepYearly'");
    }
}
