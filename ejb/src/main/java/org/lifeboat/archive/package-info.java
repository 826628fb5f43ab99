/**
 * The package format (docs/FORMAT.md): the manifest, entry names, zstd-framed table entries, sealing a package
 * under its final name only when complete, its signature, verification, the OpenPGP-encrypted secrets, the one
 * reader of table entries ({@code RowDecoder}), and the inspection of every uploaded file ({@code UploadInspector},
 * with its tar framing, manifest rules, entry-name rules and row checks in classes of their own).
 */
package org.lifeboat.archive;
