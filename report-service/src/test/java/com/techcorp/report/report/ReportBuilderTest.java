package com.techcorp.report.report;

import com.techcorp.report.sales.SalesData;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReportBuilderTest {

    private static SalesData.Entry e(String period, long minor) {
        return new SalesData.Entry("m", period, minor, "USD");
    }

    @Test
    void monthsOldestFirstWithChangeTotalBestAndWorst() {
        // data-service lists newest first, as the source documents do
        var report = ReportBuilder.build(new SalesData(List.of(e("2024-07", 10000000), e("2024-06", 12000000), e("2024-05", 11020000))),
                Instant.EPOCH);
        assertEquals(List.of("2024-05", "2024-06", "2024-07"), report.months().stream().map(MonthlySalesReport.Month::period).toList());
        assertNull(report.months().get(0).changeMinor());
        assertEquals(980000L, report.months().get(1).changeMinor());
        assertEquals(new BigDecimal("8.9"), report.months().get(1).changePercent());
        assertEquals(-2000000L, report.months().get(2).changeMinor());
        assertEquals(new BigDecimal("-16.7"), report.months().get(2).changePercent());
        assertEquals(33020000L, report.totalMinor());
        assertEquals("2024-06", report.bestPeriod());
        assertEquals("2024-07", report.worstPeriod());
        assertEquals("2024-05", report.firstPeriod());
        assertEquals("2024-07", report.lastPeriod());
    }

    @Test
    void aMonthAfterZeroHasNoPercentage() {
        var report = ReportBuilder.build(new SalesData(List.of(e("2024-01", 0), e("2024-02", 500))), Instant.EPOCH);
        assertNull(report.months().get(1).changePercent());
        assertEquals(500L, report.months().get(1).changeMinor());
    }

    @Test
    void nothingToReportOrMixedCurrenciesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReportBuilder.build(new SalesData(List.of()), Instant.EPOCH));
        assertThrows(IllegalArgumentException.class, () -> ReportBuilder.build(new SalesData(List.of(e("2024-01", 1),
                new SalesData.Entry("m", "2024-02", 1, "EUR"))), Instant.EPOCH));
    }
}
