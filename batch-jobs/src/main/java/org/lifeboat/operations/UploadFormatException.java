package org.lifeboat.operations;

/** The request body is not an upload at all (neither multipart nor an octet stream): a 415. */
@jakarta.ejb.ApplicationException(rollback = true)
public class UploadFormatException extends InvalidRequestException {
    public UploadFormatException(String detail) {
        super("not an upload", detail);
    }
}
