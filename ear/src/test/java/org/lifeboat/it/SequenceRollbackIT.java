package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A dry run changes nothing, sequences included (setval is not transactional; the restore makes it so). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SequenceRollbackIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    @Test
    void a_replace_dry_run_leaves_every_sequence_as_it_was() throws Exception {
        LifeboatClient api = LifeboatClient.admin(URI.create(base.toString().replaceAll("/+$", "")
                .replaceAll("/lifeboat$", "") + "/lifeboat/"));
        JsonNode backup = api.awaitJob(api.startBackup("hms", "subsystem:HR1"), Duration.ofMinutes(2));
        long id = backup.at("/result/backupId").asLong();
        Map<String, String> original;
        Map<String, String> bumped;
        try (Connection c = SourceDatabase.open("hms"); Statement st = c.createStatement()) {
            original = plainSequences(c);
            assertFalse(original.isEmpty());
            // live sequences ahead of the package: a replace would set them back to the package's values
            st.execute("SELECT setval(format('%I.%I', schemaname, sequencename)::regclass, "
                    + "coalesce(last_value, 1) + 1000, true) FROM pg_sequences");
            bumped = plainSequences(c);
        }
        try {
            JsonNode dry = api.post("api/restores", "{\"backupId\":" + id + ",\"mode\":\"replace\",\"dryRun\":true}")
                    .json();
            assertTrue(dry.get("dryRun").asBoolean(), dry.toString());
            try (Connection c = SourceDatabase.open("hms")) {
                assertEquals(bumped, plainSequences(c), "the dry run moved a sequence");
            }
        } finally {
            try (Connection c = SourceDatabase.open("hms"); Statement st = c.createStatement()) {
                for (Map.Entry<String, String> s : original.entrySet()) {
                    st.execute("SELECT setval('" + s.getKey() + "', " + s.getValue().split("/")[0] + ", "
                            + s.getValue().split("/")[1] + ")");
                }
            }
        }
    }

    /** Every sequence's last_value and is_called, as "value/called". */
    private static Map<String, String> plainSequences(Connection c) throws Exception {
        Map<String, String> values = new TreeMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT format('%I.%I', schemaname, sequencename) FROM pg_sequences")) {
            while (rs.next()) {
                values.put(rs.getString(1), null);
            }
        }
        for (String seq : values.keySet()) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT last_value, is_called FROM " + seq)) {
                rs.next();
                values.put(seq, rs.getLong(1) + "/" + rs.getBoolean(2));
            }
        }
        return values;
    }
}
