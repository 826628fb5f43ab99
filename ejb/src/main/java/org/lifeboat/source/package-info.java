/**
 * Sources: profiles (YAML), their registry and datasources, and what PostgreSQL's catalog says about tables, keys,
 * foreign keys (partitions included), sequences and their users, and dependency order.
 */
package org.lifeboat.source;
