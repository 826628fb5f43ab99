package org.lifeboat.batch.backup;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.lifeboat.catalog.PackageCatalog;
import org.lifeboat.repository.OffsiteCopies;

/**
 * Step {@code copy-offsite}, after the package is sealed and catalogued: copies it to the repositories its
 * source's copy policy names ({@code repositories.yaml}). Each copy's state is recorded per repository; a copy that
 * fails is recorded as failed with its reason ({@code LIFEBOAT016}) and never fails the backup, which stands. A
 * restarted step skips the repositories the package is already copied to.
 */
@Named
public class CopyOffsiteBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    PackageCatalog catalog;

    @Inject
    OffsiteCopies offsite;

    @Override
    public String process() {
        return catalog.forJobInstance(job.getInstanceId())
                .map(p -> String.join("; ", offsite.copy(p)))
                .orElse("no package to copy");
    }
}
