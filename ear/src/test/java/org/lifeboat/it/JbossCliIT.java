package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Server operators drive the same jobs through WildFly's batch-jberet management operations. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JbossCliIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    @Test
    void a_backup_started_with_jboss_cli_completes_and_is_listed_by_management_and_rest() throws Exception {
        String started = JbossCli.run(JbossCli.BATCH
                + ":start-job(job-xml-name=backup, properties={source=hms, scope=\"subsystem:CT1\", requestedBy=ops})");
        Matcher id = Pattern.compile("\"result\" => (\\d+)L").matcher(started);
        assertTrue(id.find(), started);
        long executionId = Long.parseLong(id.group(1));

        LifeboatClient api = LifeboatClient.admin(URI.create(base.toString().replaceAll("/+$", "")
                .replaceAll("/lifeboat$", "") + "/lifeboat/"));
        JsonNode job = api.awaitJob(executionId, Duration.ofMinutes(2));
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        assertEquals("subsystem:CT1", job.at("/parameters/scope").asText());
        assertTrue(job.at("/result/counts").has("public.patients"), job.toString());

        String resource = JbossCli.run(JbossCli.BATCH + ":read-resource(include-runtime=true, recursive=true)");
        assertTrue(resource.contains("\"" + executionId + "\" => {"), resource);
        assertTrue(resource.contains("\"batch-status\" => \"COMPLETED\""), resource);
    }

    @Test
    void the_secrets_passphrase_is_not_readable_through_the_management_api() throws Exception {
        String properties = JbossCli.run("/core-service=platform-mbean/type=runtime:read-attribute(name=system-properties)");
        assertTrue(properties.contains("jboss.server.data.dir"), properties.length() + " characters read");
        assertFalse(properties.contains(BackupEngineIT.PASSPHRASE), "the passphrase is a system property");
        String model = JbossCli.run("/:read-resource(recursive=true)");
        assertFalse(model.contains("secrets.passphrase") || model.contains(BackupEngineIT.PASSPHRASE),
                "the passphrase is in the management model");
        String aliases = JbossCli.run("/subsystem=elytron/credential-store=LifeboatCredentials:read-aliases()");
        assertTrue(aliases.contains("secrets-passphrase"), "the passphrase is kept in the credential store: " + aliases);
    }
}
