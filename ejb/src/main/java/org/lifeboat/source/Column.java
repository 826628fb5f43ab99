package org.lifeboat.source;

/**
 * A column as PostgreSQL's catalog describes it. {@code type} is {@code format_type()} output (e.g.
 * {@code numeric(30,10)}, {@code public.document_status}, {@code integer[]}), usable as a cast target.
 */
public record Column(String name, String type, TypeKind kind, boolean notNull, boolean generated,
                     boolean hasDefault) {

    /** What kind of type a column has, from {@code pg_type.typtype} and {@code typcategory}. */
    public enum TypeKind {
        BASE, ARRAY, ENUM, DOMAIN, COMPOSITE, RANGE, MULTIRANGE, PSEUDO;

        static TypeKind of(String typtype, String typcategory) {
            if ("A".equals(typcategory)) {
                return ARRAY;
            }
            return switch (typtype) {
                case "e" -> ENUM;
                case "d" -> DOMAIN;
                case "c" -> COMPOSITE;
                case "r" -> RANGE;
                case "m" -> MULTIRANGE;
                case "p" -> PSEUDO;
                default -> BASE;
            };
        }
    }
}
