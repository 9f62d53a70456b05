package com.techcorp.data.sales;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class SalesRepository implements PanacheRepositoryBase<MonthlySales, String> {

    /** Newest first, as the source documents list them; bounds inclusive, YYYY-MM compares as text. */
    public Uni<List<MonthlySales>> between(String from, String to) {
        return list("period >= ?1 and period <= ?2", Sort.descending("period"), from, to);
    }
}
