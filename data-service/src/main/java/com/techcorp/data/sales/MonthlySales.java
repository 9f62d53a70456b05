package com.techcorp.data.sales;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One month of DataCorp's sales. */
@Entity
@Table(name = "monthly_sales")
public class MonthlySales extends PanacheEntityBase {

    /** YYYY-MM. */
    @Id
    public String period;

    @Column(name = "amount_minor")
    public long amountMinor;

    public String currency;
}
