-- Demo data set, inserted only where the placeholder demo is true (profile "demo"). johndoe has
-- exactly the source documents' payslips (July 3000 USD, June 3200 USD) and 10 days of leave; the
-- others have longer histories. Subjects are identity-service's demo user ids.
insert into payslips (employee_sub, period, amount_minor, currency)
select * from (values
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e01'::uuid, '2024-07', 300000::bigint, 'USD'),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e01'::uuid, '2024-06', 320000, 'USD'),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e02'::uuid, '2024-07', 410000, 'USD'),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e02'::uuid, '2024-06', 410000, 'USD'),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e02'::uuid, '2024-05', 395000, 'USD'),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e02'::uuid, '2024-04', 395000, 'USD'),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e03'::uuid, '2024-07', 285050, 'USD'),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e03'::uuid, '2024-06', 297500, 'USD'),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e03'::uuid, '2024-05', 279000, 'USD'),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e04'::uuid, '2024-07', 520000, 'USD'),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e04'::uuid, '2024-06', 520000, 'USD'),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e05'::uuid, '2024-07', 365000, 'USD'),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e06'::uuid, '2024-07', 342000, 'USD')
) as demo (employee_sub, period, amount_minor, currency)
where '${demo}' = 'true';

insert into leave_balances (employee_sub, days)
select * from (values
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e01'::uuid, 10.0),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e02'::uuid, 14.5),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e03'::uuid, 7.0),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e04'::uuid, 21.0),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e05'::uuid, 3.5),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e06'::uuid, 12.0)
) as demo (employee_sub, days)
where '${demo}' = 'true';

insert into hr_updates (published_on, title, body)
select * from (values
    ('2024-07-15'::date, 'Open enrollment for benefits', 'Benefits open enrollment runs from 1 to 31 August.'),
    ('2024-06-28'::date, 'Office closed on 4 July', 'All TechCorp offices are closed for Independence Day.'),
    ('2024-06-01'::date, 'New leave policy', 'Unused leave now carries over up to 5 days into the next year.')
) as demo (published_on, title, body)
where '${demo}' = 'true';
