package org.lifeboat.repository;

import java.nio.file.Path;

/** The package file read for a copy is not the one the catalog recorded: the copy is aborted, nothing written. */
public class CopyMismatchException extends RuntimeException {

    public CopyMismatchException(Path file, String actual, String catalogued) {
        super("the package file " + file + " has SHA-256 " + actual + ", the catalog says " + catalogued
                + ": not copied (the upload was aborted)");
    }
}
