package org.lifeboat.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class JobParametersTest {

    @Test
    void backup_parameters_survive_the_round_trip_through_job_properties() {
        BackupJobParameters p = BackupJobParameters.of("hms", "department:HR", "alice").tuned(4, 500, 2000L);
        assertEquals(p.scheduledBy(9), BackupJobParameters.from(p.scheduledBy(9).toProperties()));
        assertEquals(p, BackupJobParameters.from(p.toProperties()));
        assertEquals(Map.of("source", "hms", "scope", "department:HR", "requestedBy", "alice", "threads", "4",
                "chunkRows", "500", "splitThresholdRows", "2000"), p.toMap());
    }

    @Test
    void unset_job_xml_properties_are_empty_strings_and_read_as_absent() {
        Properties props = new Properties();
        props.setProperty("source", "hms");
        props.setProperty("scope", "");
        props.setProperty("threads", "");
        BackupJobParameters p = BackupJobParameters.from(props);
        assertEquals("database", p.scope());
        assertNull(p.threads());
    }

    @Test
    void restore_parameters_keep_every_flag_and_default_like_the_job_xml() {
        RestoreJobParameters p = new RestoreJobParameters(7, "hms", "clean", RestoreJobParameters.CONFIRMATION, false,
                true, true, "subsystem:HR1", true, true, "java:jboss/datasources/Hms", "bob", 2, 100);
        assertEquals(p, RestoreJobParameters.from(p.toProperties()));
        assertTrue(p.isImport());
        RestoreJobParameters defaults = RestoreJobParameters.from(Map.of("backupId", "3", "source", "hms"));
        assertEquals("merge", defaults.mode());
        assertTrue(defaults.restoreStorage());
        assertFalse(defaults.restoreConfiguration());
        assertFalse(defaults.isImport());
        assertFalse(defaults.toMap().containsKey("skipShared"), "false flags are not written");
    }

    @Test
    void a_missing_or_malformed_parameter_names_itself() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> RestoreJobParameters.from(Map.of("source", "hms")));
        assertTrue(missing.getMessage().contains("backupId"), missing.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> BackupJobParameters.from(Map.of("source", "hms", "threads", "many")));
        assertTrue(bad.getMessage().contains("threads") && bad.getMessage().contains("many"), bad.getMessage());
    }
}
