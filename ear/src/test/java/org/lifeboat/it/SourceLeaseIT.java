package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Twenty requests at once, backups and restores mixed: while a job works on the source every other request is 409,
 * and no two accepted jobs ever overlap (the requests are spread over a second or two by bcrypt, so a job may end and
 * a later request start the next).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SourceLeaseIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    @Test
    void twenty_simultaneous_requests_start_one_job() throws Exception {
        LifeboatClient api = LifeboatClient.admin(URI.create(base.toString().replaceAll("/+$", "")
                .replaceAll("/lifeboat$", "") + "/lifeboat/"));
        long id = api.awaitJob(api.startBackup("hms", "subsystem:HR1"), Duration.ofMinutes(2)).at("/result/backupId")
                .asLong();
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<LifeboatClient.Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // a whole-database backup lasts seconds: the requests (each a bcrypt check) arrive while it runs
            String body = i % 2 == 0 ? "{\"backupId\":" + id + ",\"mode\":\"merge\"}"
                    : "{\"source\":\"hms\",\"scope\":\"database\"}";
            String path = i % 2 == 0 ? "api/restores" : "api/backups";
            calls.add(() -> {
                go.await();
                return api.post(path, body);
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<LifeboatClient.Reply>> answers = new ArrayList<>();
        List<Long> accepted = new ArrayList<>();
        try {
            calls.forEach(c -> answers.add(pool.submit(c)));
            go.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<LifeboatClient.Reply> f : answers) {
                LifeboatClient.Reply r = f.get();
                statuses.merge(r.status(), 1, Integer::sum);
                if (r.status() == 202) {
                    accepted.add(r.json().get("executionId").asLong());
                }
            }
            assertEquals(20, statuses.getOrDefault(202, 0) + statuses.getOrDefault(409, 0), statuses.toString());
            assertTrue(statuses.getOrDefault(409, 0) >= 10, "most requests came while a job ran: " + statuses);
        } finally {
            pool.shutdownNow();
        }
        // the lease's promise: never two jobs on the source at the same time
        List<JsonNode> jobs = new ArrayList<>();
        for (long execution : accepted) {
            jobs.add(api.awaitJob(execution, Duration.ofMinutes(3)));
        }
        for (JsonNode a : jobs) {
            for (JsonNode b : jobs) {
                if (a != b) {
                    boolean apart = Instant.parse(a.get("endTime").asText()).compareTo(
                            Instant.parse(b.get("startTime").asText())) <= 0
                            || Instant.parse(b.get("endTime").asText()).compareTo(
                            Instant.parse(a.get("startTime").asText())) <= 0;
                    assertTrue(apart, "two jobs ran on hms at once: " + a.get("executionId") + " and "
                            + b.get("executionId"));
                }
            }
        }
        for (JsonNode job : api.get("api/jobs?limit=30").json()) {
            String status = job.get("status").asText();
            if (status.equals("STARTING") || status.equals("STARTED")) {
                api.awaitJob(job.get("executionId").asLong(), Duration.ofMinutes(2));
            }
        }
    }
}
