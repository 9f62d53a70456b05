-- Demo data set, inserted only where the placeholder demo is true (profile "demo"): the source
-- documents' July 100,000 USD and June 120,000 USD, and a year before them for lists and charts.
insert into monthly_sales (period, amount_minor, currency)
select * from (values
    ('2023-08', 8450000, 'USD'), ('2023-09', 9120000, 'USD'), ('2023-10', 9875000, 'USD'),
    ('2023-11', 10430000, 'USD'), ('2023-12', 13260000, 'USD'), ('2024-01', 7980000, 'USD'),
    ('2024-02', 8310000, 'USD'), ('2024-03', 9640000, 'USD'), ('2024-04', 10150000, 'USD'),
    ('2024-05', 11020000, 'USD'), ('2024-06', 12000000, 'USD'), ('2024-07', 10000000, 'USD')
) as demo (period, amount_minor, currency)
where '${demo}' = 'true';
