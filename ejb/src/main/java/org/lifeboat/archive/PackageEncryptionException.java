package org.lifeboat.archive;

import java.io.IOException;

/**
 * An encrypted package (or a key file for one) could not be written or opened; {@link #reason()} says why, and the
 * message names the file first, so an operator reading it in a job's result knows which package it is about.
 */
public class PackageEncryptionException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, each with the sentence the operator reads after the file's name. */
    public enum Reason {
        NOT_OPENPGP("is not an OpenPGP encrypted message"),
        NOT_INTEGRITY_PROTECTED("has no integrity protection (no MDC or AEAD), so tampering could not be"
                + " detected; refusing to open it"),
        MISSING_KEY("is encrypted and no decryption key was given (the private key of one of its recipients, or"
                + " its passphrase)"),
        NOT_FOR_THIS_KEY("is not encrypted for this key"),
        NOT_PASSPHRASE_ENCRYPTED("is not encrypted with a passphrase"),
        WRONG_PASSPHRASE("could not be opened: wrong passphrase (or its key packet was modified)"),
        KEY_LOCKED("could not be opened: the private key is protected and its passphrase is missing or wrong"),
        MODIFIED("was modified: the integrity check failed, nothing of it may be used"),
        TRUNCATED("is truncated: it ends before its integrity check"),
        NO_ENCRYPTION_KEY("holds no OpenPGP key that can encrypt"),
        NO_RECIPIENT("names no recipient: give at least one public key or a passphrase"),
        SIDECAR_MISMATCH("does not match its sidecar");

        private final String sentence;

        Reason(String sentence) {
            this.sentence = sentence;
        }

        public String sentence() {
            return sentence;
        }
    }

    private final Reason reason;
    private final String file;

    public PackageEncryptionException(String file, Reason reason, String detail, Throwable cause) {
        super(file + " " + reason.sentence() + (detail == null ? "" : ": " + detail), cause);
        this.reason = reason;
        this.file = file;
    }

    public PackageEncryptionException(String file, Reason reason) {
        this(file, reason, null, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The package (or key file) the failure is about, as given to the method that failed. */
    public String file() {
        return file;
    }
}
