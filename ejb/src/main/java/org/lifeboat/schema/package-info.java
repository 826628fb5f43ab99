/**
 * Lifeboat's own database schema: the Flyway migrations in {@code db/migration} (V1 is the schema the last
 * hbm2ddl release left), run by {@link org.lifeboat.schema.SchemaMigrations} when the persistence unit starts and
 * before Hibernate validates the entities against the tables.
 */
package org.lifeboat.schema;
