package org.lifeboat.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.lifeboat.config.LifeboatSettings;

/** The repositories as {@code repositories.yaml} says now (read on each use: it is small, and edits apply at once). */
@ApplicationScoped
public class RepositoryRegistry {

    @Inject
    LifeboatSettings settings;

    /** @throws RepositoryConfigException naming the file, line and reason when the file is invalid */
    public Repositories current() {
        return new RepositoryLoader().load(settings.profilesDir());
    }
}
