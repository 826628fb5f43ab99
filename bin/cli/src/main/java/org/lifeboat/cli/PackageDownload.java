package org.lifeboat.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Saves a streamed download: to {@code -o FILE}, into {@code -o FOLDER}, or into the current folder, under the
 * name the server gives in {@code Content-Disposition}. Bytes go to {@code <name>.partial} first and the file is
 * renamed only when complete, so an interrupted download never looks like a package.
 */
public final class PackageDownload {

    private static final Pattern FILENAME = Pattern.compile("filename\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))",
            Pattern.CASE_INSENSITIVE);

    /** Where the file went and how many bytes it has. */
    public record Saved(Path file, long bytes) {}

    private PackageDownload() {}

    static Saved save(InputStream body, HttpHeaders headers, Path output, String fallbackName) throws IOException {
        String name = fileName(headers.firstValue("Content-Disposition").orElse(null), fallbackName);
        Path target = output == null ? Path.of(name) : Files.isDirectory(output) ? output.resolve(name) : output;
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        long bytes;
        try {
            bytes = Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
            OptionalLong expected = headers.firstValueAsLong("Content-Length");
            if (expected.isPresent() && expected.getAsLong() != bytes) {
                throw new IOException("download of " + name + " stopped after " + bytes + " of "
                        + expected.getAsLong() + " bytes");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return new Saved(target, bytes);
    }

    /**
     * The file name of a {@code Content-Disposition} header, reduced to a plain name (no folders, no "..");
     * the fallback when there is none or it is not a usable name.
     */
    public static String fileName(String contentDisposition, String fallback) {
        if (contentDisposition == null) {
            return fallback;
        }
        Matcher m = FILENAME.matcher(contentDisposition);
        if (!m.find()) {
            return fallback;
        }
        String name = m.group(1) != null ? m.group(1) : m.group(2);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).trim();
        return name.isEmpty() || name.equals(".") || name.equals("..") ? fallback : name;
    }
}
