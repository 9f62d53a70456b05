package com.techcorp.data.sales;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.cache.CacheResult;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sales between two months, as served: the JSON body itself. Monthly figures change once a
 * month, so an answer is kept for a few seconds ({@code quarkus.cache.caffeine.sales.expire-after-write}):
 * under load the database sees one query per range per few seconds instead of one per request, and
 * the body is serialized once per query rather than once per request (a profile under load showed
 * serialization at 6 % of the service's CPU).
 */
@ApplicationScoped
public class SalesQueries {

    private final SalesRepository sales;
    private final ObjectMapper json;

    public SalesQueries(SalesRepository sales, ObjectMapper json) {
        this.sales = sales;
        this.json = json;
    }

    @CacheResult(cacheName = "sales")
    @WithSession
    public Uni<String> between(String from, String to) {
        return sales.between(from, to).map(rows -> write(new SalesResource.SalesData(rows.stream().map(SalesEntry::of).toList())));
    }

    private String write(SalesResource.SalesData data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sales data is plain data", e);
        }
    }
}
