package org.lifeboat.operations;

import org.lifeboat.restore.RestoreMode;

/**
 * A restore (or its dry run) asked for.
 *
 * @param backupId             the catalogued package
 * @param source               the source to restore into; null means the package's own
 * @param mode                 merge, replace or clean
 * @param confirm              the typed confirmation a clean restore needs ({@value org.lifeboat.jobs.RestoreJobParameters#CONFIRMATION})
 * @param restoreStorage       put the package's storage files back
 * @param restoreConfiguration put the package's configuration files back
 * @param allowUploadedSchema  a backup-admin lets an unsigned upload's schema SQL run, filtered, into an empty database
 * @param allowOtherSource     a backup-admin restores into another source than the package's
 */
public record RestoreRequest(Long backupId, String source, RestoreMode mode, String confirm, boolean restoreStorage,
                             boolean restoreConfiguration, boolean allowUploadedSchema, boolean allowOtherSource) {

    /** A restore of {@code backupId} into its own source with the storage files and nothing else asked for. */
    public static RestoreRequest of(Long backupId, RestoreMode mode, String confirm) {
        return new RestoreRequest(backupId, null, mode, confirm, true, false, false, false);
    }

    /** The mode from its text ({@code null} or blank: merge); an unknown one is a 400 naming the three. */
    public static RestoreMode mode(String text) {
        try {
            return RestoreMode.parse(text);
        } catch (RuntimeException e) {
            throw new InvalidRequestException("unknown mode", e.getMessage());
        }
    }
}
