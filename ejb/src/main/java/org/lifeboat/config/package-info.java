/**
 * The server's settings (folders, limits), read from system properties set by wildfly-config/cli/lifeboat.cli.
 */
package org.lifeboat.config;
