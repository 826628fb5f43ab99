/**
 * The restore engine: staging, the one apply transaction (merge, replace, clean), direct COPY loads, triggers and
 * rules set aside, sequences, materialized views, dry runs, the schema SQL of a package and how far it is trusted,
 * and placing files.
 */
package org.lifeboat.restore;
