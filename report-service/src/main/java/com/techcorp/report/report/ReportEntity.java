package com.techcorp.report.report;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "monthly_sales_reports")
public class ReportEntity extends PanacheEntityBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<MonthlySalesReport.Month>> MONTHS = new TypeReference<>() {
    };

    @Id
    public UUID id;

    @Column(name = "generated_at")
    public Instant generatedAt;

    public String currency;

    @Column(name = "first_period")
    public String firstPeriod;

    @Column(name = "last_period")
    public String lastPeriod;

    @Column(name = "total_minor")
    public long totalMinor;

    @Column(name = "best_period")
    public String bestPeriod;

    @Column(name = "worst_period")
    public String worstPeriod;

    /** JSON: written once, read whole, never queried (Hibernate Reactive maps JSON columns to objects, not arrays). */
    @Column(name = "months")
    public String monthsJson;

    static ReportEntity of(MonthlySalesReport r) {
        ReportEntity e = new ReportEntity();
        e.id = r.id();
        e.generatedAt = r.generatedAt();
        e.currency = r.currency();
        e.firstPeriod = r.firstPeriod();
        e.lastPeriod = r.lastPeriod();
        e.totalMinor = r.totalMinor();
        e.bestPeriod = r.bestPeriod();
        e.worstPeriod = r.worstPeriod();
        try {
            e.monthsJson = JSON.writeValueAsString(r.months());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("could not write a report's months", ex);
        }
        return e;
    }

    MonthlySalesReport toReport() {
        try {
            return new MonthlySalesReport(id, generatedAt, currency, firstPeriod, lastPeriod, totalMinor, bestPeriod,
                    worstPeriod, JSON.readValue(monthsJson, MONTHS));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a stored report's months are not readable", ex);
        }
    }
}
