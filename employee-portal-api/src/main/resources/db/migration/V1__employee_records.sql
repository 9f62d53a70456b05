-- Employee records, keyed by the employee's subject (the sub of their tokens, from identity-service).
create table payslips (
    employee_sub uuid        not null,
    period       char(7)     not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),  -- YYYY-MM
    amount_minor bigint      not null check (amount_minor >= 0),
    currency     char(3)     not null default 'USD',
    primary key (employee_sub, period)
);

create table leave_balances (
    employee_sub uuid         primary key,
    days         numeric(5,1) not null check (days >= 0)
);

-- Company-wide HR announcements, newest first.
create table hr_updates (
    id           bigserial    primary key,
    published_on date         not null,
    title        varchar(200) not null,
    body         text         not null
);
