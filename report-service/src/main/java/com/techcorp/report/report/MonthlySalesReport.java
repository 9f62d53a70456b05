package com.techcorp.report.report;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A monthly sales report: revenue per month (oldest first) with the change from the month before,
 * the total, and the best and worst months.
 */
public record MonthlySalesReport(
        @JsonProperty("id") UUID id,
        @JsonProperty("generated_at") Instant generatedAt,
        @JsonProperty("currency") String currency,
        @JsonProperty("first_period") String firstPeriod,
        @JsonProperty("last_period") String lastPeriod,
        @JsonProperty("total_minor") long totalMinor,
        @JsonProperty("best_period") String bestPeriod,
        @JsonProperty("worst_period") String worstPeriod,
        @JsonProperty("months") List<Month> months) {

    /**
     * @param changeMinor   revenue minus the previous month's; null for the first month
     * @param changePercent that change relative to the previous month, one decimal; null for the first
     *                      month or after a month of zero
     */
    public record Month(
            @JsonProperty("period") String period,
            @JsonProperty("month") String month,
            @JsonProperty("revenue_minor") long revenueMinor,
            @JsonProperty("change_minor") Long changeMinor,
            @JsonProperty("change_percent") BigDecimal changePercent) {
    }
}
