-- Generated monthly sales reports. The per-month rows are stored as JSON beside the summary: a
-- report is written once and read whole, never queried by month.
create table monthly_sales_reports (
    id            uuid        primary key,
    generated_at  timestamptz not null,
    currency      char(3)     not null,
    first_period  char(7)     not null,
    last_period   char(7)     not null,
    total_minor   bigint      not null,
    best_period   char(7)     not null,
    worst_period  char(7)     not null,
    months        text        not null  -- JSON array of the months, oldest first
);
create index monthly_sales_reports_generated_at on monthly_sales_reports (generated_at desc);
