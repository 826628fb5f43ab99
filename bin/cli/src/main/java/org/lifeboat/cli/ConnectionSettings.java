package org.lifeboat.cli;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the server is and who we are. Each value comes from the first place that has it: a command-line flag,
 * then the environment ({@code LIFEBOAT_URL}, {@code LIFEBOAT_USER}, {@code LIFEBOAT_PASSWORD}), then the
 * properties file ({@code url}, {@code user}, {@code password}), then the default.
 */
public record ConnectionSettings(String url, String user, String password) {

    public static final String DEFAULT_URL = "http://127.0.0.1:8080/lifeboat";

    /** The config file used when {@code --config} is not given; a missing one is simply skipped. */
    public static Path defaultConfigFile() {
        return Path.of(System.getProperty("user.home"), ".config", "lifeboat", "cli.properties");
    }

    /** Values given as flags; null where the flag was not given. */
    public record Flags(String url, String user, String password) {}

    public static ConnectionSettings resolve(Flags flags, Map<String, String> env, Properties file) {
        Properties fromFile = file == null ? new Properties() : file;
        String url = first(flags.url(), env.get("LIFEBOAT_URL"), fromFile.getProperty("url"), DEFAULT_URL);
        return new ConnectionSettings(checked(url.trim().replaceAll("/+$", "")),
                first(flags.user(), env.get("LIFEBOAT_USER"), fromFile.getProperty("user"), null),
                first(flags.password(), env.get("LIFEBOAT_PASSWORD"), fromFile.getProperty("password"), null));
    }

    /**
     * Reads a properties file; a missing file is an empty one unless it was named explicitly.
     *
     * @throws SettingsException when a named file is missing or a file cannot be read
     */
    public static Properties readConfig(Path file, boolean named) {
        Properties properties = new Properties();
        if (!Files.exists(file)) {
            if (named) {
                throw new SettingsException("config file " + file + " does not exist");
            }
            return properties;
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new SettingsException("config file " + file + " cannot be read: " + e.getMessage());
        }
        return properties;
    }

    private static String first(String flag, String env, String file, String fallback) {
        for (String value : new String[] {flag, env, file}) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return fallback;
    }

    /** Prints the URL and user, never the password. */
    @Override
    public String toString() {
        return url + (user == null ? " (no user)" : " as " + user);
    }

    private static String checked(String url) {
        try {
            URI uri = new URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new SettingsException("'" + url + "' is not an http(s) URL like " + DEFAULT_URL);
    }

    /** A setting is unusable: a missing config file named with {@code --config}, a URL that is not one. */
    public static class SettingsException extends RuntimeException {
        public SettingsException(String message) {
            super(message);
        }
    }
}
