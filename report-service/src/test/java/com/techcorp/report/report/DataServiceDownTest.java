package com.techcorp.report.report;

import com.techcorp.report.support.UpstreamServices;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.techcorp.report.support.ReportCalls.asAnalyst;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** data-service hangs (SIGSTOP): a clear 503 in bounded time, no partial report, recovery after. */
@QuarkusTest
class DataServiceDownTest {

    private static void signal(String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, System.getProperty(UpstreamServices.DATA_PID)).start().waitFor());
    }

    @AfterEach
    void resume() throws Exception {
        signal("CONT");
    }

    @Test
    void aHungDataServiceIsA503AndStoresNothing() throws Exception {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> asAnalyst().post("/reports/monthly-sales").then().extract().statusCode() == 201);
        int before = asAnalyst().queryParam("size", 100).get("/reports").then().extract().jsonPath().getList("id").size();

        signal("STOP");
        long start = System.nanoTime();
        asAnalyst().post("/reports/monthly-sales").then().statusCode(503).body("error", equalTo("temporarily_unavailable"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 6000, "503 after " + millis + " ms");
        assertEquals(before, asAnalyst().queryParam("size", 100).get("/reports").then().extract().jsonPath().getList("id").size());

        signal("CONT");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> asAnalyst().post("/reports/monthly-sales").then().extract().statusCode() == 201);
    }
}
