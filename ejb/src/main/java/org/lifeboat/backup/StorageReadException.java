package org.lifeboat.backup;

import java.io.IOException;
import java.nio.file.Path;

/** A storage, configuration or secret file that cannot be backed up; names the file and the reason. */
public class StorageReadException extends IOException {

    private final Path file;

    public StorageReadException(Path file, String reason, Throwable cause) {
        super("cannot back up " + file + ": " + reason, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
