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

    private final DataServiceClient dataService;

    public ReportService(DataServiceClient dataService) {
        this.dataService = dataService;
    }

    public Uni<MonthlySalesReport> generate() {
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
                })
                .call(report -> Panache.withTransaction(() -> ReportEntity.of(report).persist()))
                .invoke(report -> Log.infof("report %s generated: %s to %s", report.id(), report.firstPeriod(), report.lastPeriod()));
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
