package org.lifeboat.batch.backup;

import java.io.Serializable;

/** Where a part file writer stands: the byte offset after the last complete zstd frame, and its rows. */
public record PartCheckpoint(long offset, long rows) implements Serializable {
    private static final long serialVersionUID = 1L;
}
