package org.lifeboat.transfer;

import java.util.List;
import org.lifeboat.restore.RestoreException;

/** A department or subsystem import carries tables its scope does not own: they are named, nothing is written. */
public class TableOutsideScopeException extends RestoreException {

    private final List<String> tables;

    public TableOutsideScopeException(String scope, List<String> tables) {
        super("the file carries " + (tables.size() == 1 ? "table " : "tables ") + String.join(", ", tables)
                + ", which " + scope + " does not own; an import writes only the tables of its own department or"
                + " subsystem (never the shared ones), so nothing was imported");
        this.tables = List.copyOf(tables);
    }

    public List<String> tables() {
        return tables;
    }
}
