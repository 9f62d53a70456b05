package com.techcorp.report.report;

import com.techcorp.report.sales.SalesData;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Turns data-service's sales into a report. Pure: no I/O, so every rule is tested directly. */
public final class ReportBuilder {

    private ReportBuilder() {
    }

    /** @throws IllegalArgumentException when there is nothing to report or currencies are mixed */
    public static MonthlySalesReport build(SalesData data, Instant now) {
        List<SalesData.Entry> sales = new ArrayList<>(data.salesData() == null ? List.of() : data.salesData());
        if (sales.isEmpty()) {
            throw new IllegalArgumentException("data-service returned no sales");
        }
        sales.sort(Comparator.comparing(SalesData.Entry::period));
        String currency = sales.get(0).currency();
        if (sales.stream().anyMatch(e -> !currency.equals(e.currency()))) {
            throw new IllegalArgumentException("sales in more than one currency");
        }
        List<MonthlySalesReport.Month> months = new ArrayList<>();
        long total = 0;
        SalesData.Entry best = sales.get(0);
        SalesData.Entry worst = sales.get(0);
        SalesData.Entry previous = null;
        for (SalesData.Entry e : sales) {
            Long change = previous == null ? null : e.amountMinor() - previous.amountMinor();
            BigDecimal percent = previous == null || previous.amountMinor() == 0 ? null
                    : BigDecimal.valueOf(change * 100).divide(BigDecimal.valueOf(previous.amountMinor()), 1, RoundingMode.HALF_UP);
            months.add(new MonthlySalesReport.Month(e.period(), e.month(), e.amountMinor(), change, percent));
            total = Math.addExact(total, e.amountMinor());
            best = e.amountMinor() > best.amountMinor() ? e : best;
            worst = e.amountMinor() < worst.amountMinor() ? e : worst;
            previous = e;
        }
        return new MonthlySalesReport(UUID.randomUUID(), now, currency, sales.get(0).period(),
                sales.get(sales.size() - 1).period(), total, best.period(), worst.period(), List.copyOf(months));
    }
}
