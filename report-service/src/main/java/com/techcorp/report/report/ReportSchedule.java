package com.techcorp.report.report;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The monthly report without anybody asking for it: every {@code report.schedule.check-every}
 * (20 s; {@code off} turns it off) it builds one when none has been generated since the start
 * of the current month (UTC) — so at a fresh start, once data-service and the auth-service answer,
 * and then once a month. A check that finds the month's report costs one indexed query; a build
 * that fails (an upstream away) stores nothing and is tried again at the next check.
 */
@ApplicationScoped
public class ReportSchedule {

    private final ReportService reports;

    public ReportSchedule(ReportService reports) {
        this.reports = reports;
    }

    @Scheduled(identity = "monthly-sales-report", every = "${report.schedule.check-every}",
            delayed = "${report.schedule.first-check-after}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> buildWhenDue() {
        return reports.generateUnlessOneSince(startOfMonth(Instant.now()))
                .onFailure().invoke(e -> Log.warnf("the scheduled monthly report was not built (%s); trying again at the next check",
                        e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    static Instant startOfMonth(Instant now) {
        return YearMonth.from(now.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
