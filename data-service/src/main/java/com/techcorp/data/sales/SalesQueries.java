package com.techcorp.data.sales;

import io.quarkus.cache.CacheResult;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sales between two months, as served. Monthly figures change once a month, so an answer is
 * kept for a few seconds ({@code quarkus.cache.caffeine.sales.expire-after-write}): under load the
 * database sees one query per range per few seconds instead of one per request.
 */
@ApplicationScoped
public class SalesQueries {

    private final SalesRepository sales;

    public SalesQueries(SalesRepository sales) {
        this.sales = sales;
    }

    @CacheResult(cacheName = "sales")
    @WithSession
    public Uni<SalesResource.SalesData> between(String from, String to) {
        return sales.between(from, to).map(rows -> new SalesResource.SalesData(rows.stream().map(SalesEntry::of).toList()));
    }
}
