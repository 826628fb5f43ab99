/**
 * The bin/lifeboat command-line client (docs/CLI.md): picocli commands over the REST API, progress bars, exit
 * codes.
 */
package org.lifeboat.cli;
