package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
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

/** Twenty requests at the same instant, backups, restores and exports mixed: exactly one job works on the source. */
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
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String body = i % 2 == 0 ? "{\"backupId\":" + id + ",\"mode\":\"merge\"}"
                    : "{\"source\":\"hms\",\"scope\":\"subsystem:HR1\"}";
            String path = i % 2 == 0 ? "api/restores" : "api/backups";
            calls.add(() -> {
                go.await();
                return api.post(path, body).status();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            calls.forEach(c -> answers.add(pool.submit(c)));
            go.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Integer> f : answers) {
                statuses.merge(f.get(), 1, Integer::sum);
            }
            assertEquals(Map.of(202, 1, 409, 19), statuses);
        } finally {
            pool.shutdownNow();
        }
        for (JsonNode job : api.get("api/jobs?limit=30").json()) {
            String status = job.get("status").asText();
            if (status.equals("STARTING") || status.equals("STARTED")) {
                api.awaitJob(job.get("executionId").asLong(), Duration.ofMinutes(2));
            }
        }
    }
}
