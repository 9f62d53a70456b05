-- Demo data set (only where the placeholder demo is true): the payslips and leave of Lena Berg,
-- identity-service's demo analyst (lenaberg), so that she can sign in at the portal first.
insert into payslips (employee_sub, period, amount_minor, currency)
select * from (values
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e07'::uuid, '2024-07', 455000::bigint, 'USD'),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e07'::uuid, '2024-06', 455000, 'USD')
) as demo (employee_sub, period, amount_minor, currency)
where '${demo}' = 'true';

insert into leave_balances (employee_sub, days)
select * from (values ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e07'::uuid, 18.0)) as demo (employee_sub, days)
where '${demo}' = 'true';
