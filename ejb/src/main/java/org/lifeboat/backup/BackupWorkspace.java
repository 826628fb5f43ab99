package org.lifeboat.backup;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** The work folder of one backup job instance; it outlives failed executions so a restart can go on. */
public record BackupWorkspace(Path root) {

    public static BackupWorkspace of(Path workDir, long jobInstanceId) {
        return new BackupWorkspace(workDir.resolve("backup-" + jobInstanceId));
    }

    public Path plan() {
        return root.resolve("plan.json");
    }

    public Path schemaDump() {
        return root.resolve("schema.sql");
    }

    /** Copies of storage and configuration files, hashed as they were copied. */
    public Path files() {
        return root.resolve("files");
    }

    public Path collectedFiles() {
        return root.resolve("files.json");
    }

    public Path sealedSecrets() {
        return root.resolve("secrets.tar.gpg");
    }

    public Path part(int partition) {
        return root.resolve("parts").resolve(String.format("p%05d.jsonl.zst", partition));
    }

    public void delete() throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
