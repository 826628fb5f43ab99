package org.lifeboat.batch.backup;

import java.io.Serializable;

/** Where a table reader stands: the primary key of the last exported row, and how many rows are done. */
public record RowCheckpoint(String[] lastKey, long rows) implements Serializable {
    private static final long serialVersionUID = 1L;
}
