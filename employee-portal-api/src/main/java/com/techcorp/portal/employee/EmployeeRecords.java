package com.techcorp.portal.employee;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Read-only queries of the portal's database, every one keyed by the employee's subject. */
@ApplicationScoped
public class EmployeeRecords {

    public record Payslip(String period, long amountMinor, String currency) {
    }

    public record HrUpdate(LocalDate publishedOn, String title, String body) {
    }

    private final Pool db;

    public EmployeeRecords(Pool db) {
        this.db = db;
    }

    /** Newest first. */
    public Uni<List<Payslip>> payslips(UUID employee) {
        return db.preparedQuery("select period, amount_minor, currency from payslips where employee_sub = $1 order by period desc")
                .execute(Tuple.of(employee))
                .map(rows -> map(rows, r -> new Payslip(r.getString("period"), r.getLong("amount_minor"), r.getString("currency"))));
    }

    /** Zero for an employee without a record yet. */
    public Uni<BigDecimal> leaveDays(UUID employee) {
        return db.preparedQuery("select days from leave_balances where employee_sub = $1")
                .execute(Tuple.of(employee))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getBigDecimal("days") : BigDecimal.ZERO);
    }

    public Uni<List<HrUpdate>> hrUpdates() {
        return db.query("select published_on, title, body from hr_updates order by published_on desc, id desc limit 50")
                .execute()
                .map(rows -> map(rows, r -> new HrUpdate(r.getLocalDate("published_on"), r.getString("title"), r.getString("body"))));
    }

    private static <T> List<T> map(io.vertx.mutiny.sqlclient.RowSet<Row> rows, java.util.function.Function<Row, T> f) {
        List<T> out = new ArrayList<>();
        rows.forEach(r -> out.add(f.apply(r)));
        return out;
    }
}
