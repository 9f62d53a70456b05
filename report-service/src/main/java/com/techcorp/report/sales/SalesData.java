package com.techcorp.report.sales;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** data-service's answer, as this service reads it (its own copy of the DTO). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SalesData(@JsonProperty("sales_data") List<Entry> salesData) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(
            @JsonProperty("month") String month,
            @JsonProperty("period") String period,
            @JsonProperty("amount_minor") long amountMinor,
            @JsonProperty("currency") String currency) {
    }
}
