package org.lifeboat.security;

import org.lifeboat.logging.LifeboatLog;
import java.lang.reflect.Method;
import org.wildfly.security.credential.PasswordCredential;
import org.wildfly.security.credential.store.CredentialStore;
import org.wildfly.security.password.interfaces.ClearPassword;

/**
 * The secrets passphrase, kept in the server's Elytron credential store {@value #STORE} under the alias
 * {@value #ALIAS} (configured by {@code lifeboat.cli}; an admin sets it with {@code add-alias}). Never a system
 * property, never logged. The first time the store lacks the alias and the environment still carries a
 * passphrase ({@code LIFEBOAT_SECRETS_PASSPHRASE} or the file {@code LIFEBOAT_SECRETS_PASSPHRASE_FILE}), it is moved
 * into the store, so the variable can then be removed from the server's environment.
 */
public final class PassphraseStore {

    public static final String STORE = "LifeboatCredentials";
    public static final String ALIAS = "secrets-passphrase";
    private static volatile boolean warned;

    private PassphraseStore() {}

    /**
     * The passphrase from the credential store (seeded from {@code fromEnvironment} when it has none), or
     * {@code fromEnvironment} itself when the server has no such store (e.g. outside WildFly).
     */
    public static char[] passphrase(char[] fromEnvironment) {
        CredentialStore store = store();
        if (store == null) {
            if (!warned) {
                warned = true;
                LifeboatLog.LOG.noCredentialStore(STORE);
            }
            return fromEnvironment;
        }
        try {
            if (store.exists(ALIAS, PasswordCredential.class)) {
                PasswordCredential credential = store.retrieve(ALIAS, PasswordCredential.class);
                return credential.getPassword(ClearPassword.class).getPassword();
            }
            if (fromEnvironment.length == 0) {
                return fromEnvironment;
            }
            synchronized (PassphraseStore.class) {
                if (!store.exists(ALIAS, PasswordCredential.class)) {
                    store.store(ALIAS, new PasswordCredential(ClearPassword.createRaw(ClearPassword.ALGORITHM_CLEAR,
                            fromEnvironment.clone())));
                    store.flush();
                    LifeboatLog.LOG.passphraseStored(STORE, ALIAS);
                }
            }
            return fromEnvironment;
        } catch (Exception e) {
            LifeboatLog.LOG.credentialStoreUnreadable(STORE, e.getClass().getSimpleName());
            return fromEnvironment;
        }
    }

    /**
     * The secret stored under {@code alias} in the credential store {@value #STORE} (an admin adds it with
     * {@code add-alias}), or empty when the server has no such store or the store no such alias.
     */
    public static java.util.Optional<char[]> secret(String alias) {
        CredentialStore store = store();
        if (store == null) {
            return java.util.Optional.empty();
        }
        try {
            if (!store.exists(alias, PasswordCredential.class)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(store.retrieve(alias, PasswordCredential.class)
                    .getPassword(ClearPassword.class).getPassword());
        } catch (Exception e) {
            LifeboatLog.LOG.credentialStoreUnreadable(STORE, e.getClass().getSimpleName());
            return java.util.Optional.empty();
        }
    }

    /** The running server's credential store service (WildFly registers it in its service container). */
    private static CredentialStore store() {
        try {
            ClassLoader loader = PassphraseStore.class.getClassLoader();
            Class<?> current = Class.forName("org.jboss.as.server.CurrentServiceContainer", true, loader);
            Object container = current.getMethod("getServiceContainer").invoke(null);
            Class<?> serviceName = Class.forName("org.jboss.msc.service.ServiceName", true, loader);
            Object name = serviceName.getMethod("parse", String.class)
                    .invoke(null, "org.wildfly.security.credential-store." + STORE);
            Class<?> registry = Class.forName("org.jboss.msc.service.ServiceRegistry", true, loader);
            Object controller = registry.getMethod("getService", serviceName).invoke(container, name);
            if (controller == null) {
                return null;
            }
            Method value = Class.forName("org.jboss.msc.service.ServiceController", true, loader).getMethod("getValue");
            Object store = value.invoke(controller);
            return store instanceof CredentialStore cs ? cs : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
