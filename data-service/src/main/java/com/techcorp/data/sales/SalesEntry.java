package com.techcorp.data.sales;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * One month as the source documents show it ({@code "month":"July","revenue":"100,000 USD"}), with
 * the structured fields a program wants beside it.
 */
public record SalesEntry(
        @JsonProperty("month") String month,
        @JsonProperty("revenue") String revenue,
        @JsonProperty("period") String period,
        @JsonProperty("amount_minor") long amountMinor,
        @JsonProperty("currency") String currency) {

    static SalesEntry of(MonthlySales row) {
        String month = YearMonth.parse(row.period).getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        NumberFormat format = NumberFormat.getNumberInstance(Locale.US);
        format.setMaximumFractionDigits(2);
        String amount = format.format(BigDecimal.valueOf(row.amountMinor, 2));
        return new SalesEntry(month, amount + " " + row.currency, row.period, row.amountMinor, row.currency);
    }
}
