package com.techcorp.report.report;

import com.techcorp.oauth.teststorage.TestStorage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.techcorp.report.support.ReportCalls.asAnalyst;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The monthly report is built without a request, once: when the month has none, by the replica
 * that holds the build lock (here the test holds it, as another replica would), and not again on
 * the checks after.
 */
@QuarkusTest
@TestProfile(ScheduledReportTest.CheckEverySecond.class)
class ScheduledReportTest {

    public static class CheckEverySecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("report.schedule.check-every", "1s", "report.schedule.first-check-after", "1s");
        }
    }

    private static Connection database() throws SQLException {
        var pg = TestStorage.postgres();
        return DriverManager.getConnection(pg.jdbcUrl("report_service_test"), pg.user(), pg.password());
    }

    private static int reports() {
        return asAnalyst().queryParam("size", 100).get("/reports").then().statusCode(200).extract().jsonPath().getList("id").size();
    }

    @Test
    void aMonthWithoutAReportGetsOneFromTheReplicaHoldingTheLockAndOnlyOne() throws Exception {
        try (Connection otherReplica = database(); Connection admin = database()) {
            otherReplica.setAutoCommit(false);
            otherReplica.createStatement().execute("select pg_advisory_xact_lock(" + ReportService.BUILD_LOCK + ")");
            admin.createStatement().execute("delete from monthly_sales_reports");

            Thread.sleep(3000);
            asAnalyst().get("/reports/latest").then().statusCode(404);

            otherReplica.commit();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> asAnalyst().get("/reports/latest").then().extract().statusCode() == 200);
            asAnalyst().get("/reports/latest").then().body("last_period", equalTo("2024-07"));
        }
        Thread.sleep(3000);
        assertEquals(1, reports(), "the month's report is built once, not at every check");
    }

    @Test
    void theMonthStartsAtMidnightUtcOnItsFirstDay() {
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), ReportSchedule.startOfMonth(Instant.parse("2026-12-31T23:59:59Z")));
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), ReportSchedule.startOfMonth(Instant.parse("2027-01-01T00:00:00Z")));
    }
}
