package org.lifeboat.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.lifeboat.config.LifeboatSettings;

/** At start-up, moves a passphrase still given in the environment into the credential store (see PassphraseStore). */
@Startup
@Singleton
public class PassphraseSeeding {

    @Inject
    LifeboatSettings settings;

    @PostConstruct
    void seed() {
        java.util.Arrays.fill(settings.secretsPassphrase(), '\0');
    }
}
