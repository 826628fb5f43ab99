package org.lifeboat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionSettingsTest {

    private static final ConnectionSettings.Flags NO_FLAGS = new ConnectionSettings.Flags(null, null, null);

    private static Properties file(String url, String user, String password) {
        Properties p = new Properties();
        p.setProperty("url", url);
        p.setProperty("user", user);
        p.setProperty("password", password);
        return p;
    }

    @Test
    void a_flag_beats_the_environment_which_beats_the_file() {
        Map<String, String> env = Map.of("LIFEBOAT_URL", "http://env:8080/lifeboat", "LIFEBOAT_USER", "env-user",
                "LIFEBOAT_PASSWORD", "env-secret");
        Properties file = file("http://file:8080/lifeboat", "file-user", "file-secret");

        ConnectionSettings flags = ConnectionSettings.resolve(
                new ConnectionSettings.Flags("http://flag:8080/lifeboat", "flag-user", "flag-secret"), env, file);
        assertEquals(new ConnectionSettings("http://flag:8080/lifeboat", "flag-user", "flag-secret"), flags);

        assertEquals(new ConnectionSettings("http://env:8080/lifeboat", "env-user", "env-secret"),
                ConnectionSettings.resolve(NO_FLAGS, env, file));
        assertEquals(new ConnectionSettings("http://file:8080/lifeboat", "file-user", "file-secret"),
                ConnectionSettings.resolve(NO_FLAGS, Map.of(), file));
    }

    @Test
    void each_value_is_looked_up_on_its_own() {
        ConnectionSettings s = ConnectionSettings.resolve(new ConnectionSettings.Flags(null, "operator", null),
                Map.of("LIFEBOAT_PASSWORD", "operator-demo"), file("http://file/lifeboat", "admin", "admin-demo"));
        assertEquals(new ConnectionSettings("http://file/lifeboat", "operator", "operator-demo"), s);
    }

    @Test
    void without_anything_the_demo_server_is_used_anonymously() {
        ConnectionSettings s = ConnectionSettings.resolve(NO_FLAGS, Map.of(), null);
        assertEquals("http://127.0.0.1:8080/lifeboat", s.url());
        assertNull(s.user());
        assertNull(s.password());
    }

    @Test
    void a_trailing_slash_of_the_url_is_dropped() {
        assertEquals("http://127.0.0.1:8280/lifeboat", ConnectionSettings.resolve(
                new ConnectionSettings.Flags("http://127.0.0.1:8280/lifeboat/", null, null), Map.of(), null).url());
    }

    @Test
    void a_url_that_is_not_http_is_refused_with_the_value() {
        ConnectionSettings.SettingsException e = assertThrows(ConnectionSettings.SettingsException.class,
                () -> ConnectionSettings.resolve(new ConnectionSettings.Flags("127.0.0.1:8080", null, null),
                        Map.of(), null));
        assertTrue(e.getMessage().contains("'127.0.0.1:8080'"), e.getMessage());
    }

    @Test
    void the_config_file_is_read_and_a_missing_default_one_is_skipped(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("cli.properties");
        Files.writeString(config, "# lifeboat\nurl = http://backup-host:8080/lifeboat\nuser=admin\npassword=s3cret\n");
        assertEquals(new ConnectionSettings("http://backup-host:8080/lifeboat", "admin", "s3cret"),
                ConnectionSettings.resolve(NO_FLAGS, Map.of(), ConnectionSettings.readConfig(config, true)));

        assertTrue(ConnectionSettings.readConfig(dir.resolve("absent.properties"), false).isEmpty());
        ConnectionSettings.SettingsException e = assertThrows(ConnectionSettings.SettingsException.class,
                () -> ConnectionSettings.readConfig(dir.resolve("absent.properties"), true));
        assertTrue(e.getMessage().contains("absent.properties does not exist"), e.getMessage());
    }

    @Test
    void the_password_is_never_printed() {
        assertEquals("http://h/lifeboat as admin",
                new ConnectionSettings("http://h/lifeboat", "admin", "secret").toString());
    }
}
