package org.lifeboat.source;

import java.util.List;

/** A foreign key: {@code from(columns)} references {@code to(referencedColumns)}. */
public record ForeignKey(String name, TableRef from, List<String> columns, TableRef to, List<String> referencedColumns,
                         boolean deferrable) {

    public boolean isSelfReference() {
        return from.equals(to);
    }
}
