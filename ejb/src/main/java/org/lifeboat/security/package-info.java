/**
 * Every permission, decided in one place (Permissions): roles, the caller with its department grants, decisions,
 * the package signing key and the secrets passphrase.
 */
package org.lifeboat.security;
