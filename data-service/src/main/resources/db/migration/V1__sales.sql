-- DataCorp's monthly sales. Amounts in minor units (cents) with their currency; never floats.
create table monthly_sales (
    period       char(7)     primary key check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),  -- YYYY-MM
    amount_minor bigint      not null check (amount_minor >= 0),
    currency     char(3)     not null default 'USD'
);
