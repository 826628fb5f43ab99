package org.lifeboat.operations;

/**
 * What {@code POST /backups/{id}/fetch} takes: the repository to bring the package back from and, for an
 * encrypted copy whose key this server does not hold, the key: the {@code passphrase} it was encrypted with, or an
 * OpenPGP {@code privateKey} (armored, as {@code gpg --export-secret-keys -a} writes it) with the
 * {@code privateKeyPassphrase} protecting it. Used for this one request: never stored, never logged.
 */
public record FetchRequest(String repository, String passphrase, String privateKey, String privateKeyPassphrase) {

    @Override
    public String toString() {
        return "FetchRequest[repository=" + repository + ", key given=" + (passphrase != null || privateKey != null)
                + "]";
    }
}
