/**
 * The package format (docs/FORMAT.md): the manifest, entry names, zstd-framed table entries, sealing a package
 * under its final name only when complete, its signature, verification, the OpenPGP-encrypted secrets, and the
 * inspection of every uploaded file.
 */
package org.lifeboat.archive;
