package org.lifeboat.restore;

/** A restore into an empty database would have to run the schema SQL of an unsigned upload, and nobody allowed it. */
public class UploadedSchemaNotAllowedException extends RestoreException {

    public UploadedSchemaNotAllowedException(String source) {
        super("the database of source '" + source + "' is empty, so the restore would have to create its schema from"
                + " the package's schema SQL; the package was uploaded without this server's signature, and its SQL"
                + " runs only when a backup-admin allows it for this restore (\"allowUploadedSchema\": true)."
                + " Nothing was changed");
    }
}
