/**
 * The package format (docs/FORMAT.md): the manifest, entry names, zstd-framed table entries, sealing a package
 * under its final name only when complete, its signature, verification, the OpenPGP-encrypted secrets
 * ({@code SecretEnvelope}) and whole encrypted packages ({@code PackageEncryption}, with its recipients, decryption
 * keys, re-wrap for key rotation and the {@code .meta.json} sidecar; both on {@code OpenPgpMessages}), the one
 * reader of table entries ({@code RowDecoder}), and the inspection of every uploaded file ({@code UploadInspector},
 * with its tar framing, manifest rules, entry-name rules and row checks in classes of their own).
 */
package org.lifeboat.archive;
