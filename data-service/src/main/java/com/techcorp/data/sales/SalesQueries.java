package com.techcorp.data.sales;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The sales between two months, as served: the JSON body itself. Monthly figures change once a
 * month, so an answer is kept for a few seconds ({@code data.sales.cache-ttl}): under load the
 * database sees one query per range per few seconds instead of one per request, and the body is
 * serialized once per query rather than once per request (a profile under load showed
 * serialization at 6 % of the service's CPU).
 *
 * <p>Caffeine's own asynchronous cache rather than Quarkus's {@code @CacheResult}: that one hands
 * a cached answer back through a chain of Mutiny operators, each wrapped by context propagation,
 * which a profile of {@code GET /data} under load put at a sixth of the service's CPU; here a
 * cached answer is a completed future. Failed queries are not kept.
 */
@ApplicationScoped
public class SalesQueries {

    private record Range(String from, String to) {
    }

    private final SalesRepository sales;
    private final ObjectMapper json;
    private final AsyncCache<Range, String> answers;

    public SalesQueries(SalesRepository sales, ObjectMapper json,
                        @ConfigProperty(name = "data.sales.cache-ttl") Duration ttl) {
        this.sales = sales;
        this.json = json;
        this.answers = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(1000).buildAsync();
    }

    /** Called on the request's event loop: the query, when there is one, runs in a session of its own there. */
    public CompletionStage<String> between(String from, String to) {
        return answers.get(new Range(from, to), (range, executor) -> {
            // A plain future, not Mutiny's, which context propagation wraps: a cached answer is handed back as it is.
            CompletableFuture<String> answer = new CompletableFuture<>();
            Panache.withSession(() -> sales.between(range.from(), range.to()))
                    .map(rows -> write(new SalesResource.SalesData(rows.stream().map(SalesEntry::of).toList())))
                    .subscribe().with(answer::complete, answer::completeExceptionally);
            return answer;
        });
    }

    private String write(SalesResource.SalesData data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sales data is plain data", e);
        }
    }
}
