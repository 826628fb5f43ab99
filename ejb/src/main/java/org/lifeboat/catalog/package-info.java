/**
 * The catalogue of packages: what the server made or took in (its origin and trust), and the intake of uploads.
 */
package org.lifeboat.catalog;
