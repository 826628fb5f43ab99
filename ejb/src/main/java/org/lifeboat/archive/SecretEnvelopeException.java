package org.lifeboat.archive;

import java.io.IOException;

/**
 * A secret file could not be sealed or opened; {@link #reason()} says why, the message says it in a sentence an
 * operator can act on.
 */
public class SecretEnvelopeException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, each with the sentence the operator reads. */
    public enum Reason {
        EMPTY_PASSPHRASE("the passphrase is empty: secret files need a non-empty passphrase"),
        PASSPHRASE_WITH_LINE_BREAK("the passphrase contains a line break, which gpg cannot be given,"
                + " so gpg -d could not open the file"),
        NOT_OPENPGP("not an OpenPGP message"),
        NOT_PASSPHRASE_ENCRYPTED("the OpenPGP message is not encrypted with a passphrase"),
        NOT_INTEGRITY_PROTECTED("the OpenPGP message has no integrity protection (no MDC or AEAD), so"
                + " tampering could not be detected; refusing to open it"),
        WRONG_PASSPHRASE("wrong passphrase (or the message's key packet was modified)"),
        MODIFIED("message was modified (integrity check failed)"),
        TRUNCATED("message is truncated (it ends before its integrity check)");

        private final String sentence;

        Reason(String sentence) {
            this.sentence = sentence;
        }

        public String sentence() {
            return sentence;
        }
    }

    private final Reason reason;

    public SecretEnvelopeException(Reason reason) {
        this(reason, null);
    }

    public SecretEnvelopeException(Reason reason, Throwable cause) {
        super(reason.sentence(), cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
