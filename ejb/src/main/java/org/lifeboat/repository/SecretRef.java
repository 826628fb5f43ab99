package org.lifeboat.repository;

import java.util.Optional;
import org.lifeboat.security.PassphraseStore;

/**
 * Where a repository's secret (an access key, a passphrase) is kept, never the secret itself: an alias in the
 * server's Elytron credential store {@value PassphraseStore#STORE} (preferred), or an environment variable of the
 * server. With both, the alias wins when the store has it.
 */
public record SecretRef(String alias, String env) {

    /** The secret, or empty when neither the store nor the environment has it. */
    public Optional<char[]> value() {
        if (alias != null) {
            Optional<char[]> stored = PassphraseStore.secret(alias);
            if (stored.isPresent() && stored.get().length > 0) {
                return stored;
            }
        }
        String v = env == null ? null : System.getenv(env);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.toCharArray());
    }

    /** Where it is looked for, for messages: never the value. */
    public String where() {
        String store = alias == null ? null : "alias " + alias + " of credential store " + PassphraseStore.STORE;
        String variable = env == null ? null : "environment variable " + env;
        return store == null ? variable : variable == null ? store : store + " or " + variable;
    }

    /**
     * The secret, for {@code what} of repository {@code repository}.
     *
     * @throws IllegalStateException naming where it was looked for when it is in neither place
     */
    public char[] require(String repository, String what) {
        return value().orElseThrow(() -> new IllegalStateException("repository " + repository + ": " + what
                + " is not set on the server (looked for: " + where() + ")"));
    }
}
