package com.techcorp.report.report;

import com.techcorp.oauth.jsonerrors.ApiError;
import com.techcorp.report.sales.DataServiceClient;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Generates reports from data-service and keeps them; a failed fetch stores nothing. */
@ApplicationScoped
public class ReportService {

    static final long BUILD_LOCK = 0x7265_706f_7274_6275L;

    private final DataServiceClient dataService;

    public ReportService(DataServiceClient dataService) {
        this.dataService = dataService;
    }

    public Uni<MonthlySalesReport> generate() {
        return build()
                .call(report -> Panache.withTransaction(() -> ReportEntity.of(report).persist()))
                .invoke(report -> Log.infof("report %s generated: %s to %s", report.id(), report.firstPeriod(), report.lastPeriod()));
    }

    /**
     * Generates a report unless one was generated since {@code since}, holding the build lock for
     * the check and the write: of several replicas asking at once, one builds and the others
     * answer empty (they see its report on their next check). Empty also when it did not build.
     */
    public Uni<Optional<MonthlySalesReport>> generateUnlessOneSince(Instant since) {
        return Panache.withTransaction(() -> tryBuildLock()
                .flatMap(locked -> locked ? ReportEntity.count("generatedAt >= ?1", since).map(n -> n == 0) : Uni.createFrom().item(false))
                .flatMap(due -> due
                        ? build().call(report -> ReportEntity.of(report).persist()).map(Optional::of)
                        : Uni.createFrom().item(Optional.<MonthlySalesReport>empty())))
                .invoke(built -> built.ifPresent(report -> Log.infof("report %s generated on schedule: %s to %s",
                        report.id(), report.firstPeriod(), report.lastPeriod())));
    }

    /** For the current transaction, without waiting: PostgreSQL advisory lock keys are global, this one is "build a report". */
    private static Uni<Boolean> tryBuildLock() {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("select pg_try_advisory_xact_lock(" + BUILD_LOCK + ")", Boolean.class)
                .getSingleResult());
    }

    private Uni<MonthlySalesReport> build() {
        return dataService.sales()
                .map(data -> {
                    try {
                        return ReportBuilder.build(data, Instant.now());
                    } catch (IllegalArgumentException e) {
                        throw ApiError.badGateway("data-service's sales cannot make a report: " + e.getMessage());
                    }
                })
                .onFailure(DataServiceClient.TokenRefused.class).transform(e -> {
                    Log.error("data-service refused our access token, also a renewed one: check its issuer, audience and JWKS");
                    return ApiError.badGateway("data-service refused the report service's access token");
                });
    }

    @WithSession
    public Uni<List<MonthlySalesReport>> list(int page, int size) {
        return ReportEntity.<ReportEntity>findAll(Sort.descending("generatedAt")).page(Page.of(page, size)).list()
                .map(rows -> rows.stream().map(ReportEntity::toReport).toList());
    }

    @WithSession
    public Uni<Optional<MonthlySalesReport>> get(UUID id) {
        return ReportEntity.<ReportEntity>findById(id).map(e -> Optional.ofNullable(e).map(ReportEntity::toReport));
    }

    @WithSession
    public Uni<Optional<MonthlySalesReport>> latest() {
        return ReportEntity.<ReportEntity>findAll(Sort.descending("generatedAt")).firstResult()
                .map(e -> Optional.ofNullable(e).map(ReportEntity::toReport));
    }
}
