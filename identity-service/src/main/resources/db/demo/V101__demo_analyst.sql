-- Demo data set (only where the placeholder demo is true): Lena Berg, a DataCorp analyst who works
-- with TechCorp too. The analysts group entitles her to reports:read (the report dashboard); as an
-- employee she has payslips at the portal, so one sign-in there signs her in to the dashboard.
-- Password "secret123" like every demo user (the hash is johndoe's: same password, same demo).
insert into users (id, username, display_name, employee_id, groups, password_hash)
select * from (values
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e07'::uuid, 'lenaberg', 'Lena Berg', 'DC-2001', 'employees analysts',
     '$argon2id$v=19$m=7168,t=5,p=1$vQCRfxs+JsHYahnpR1A9uA$E4SAkn6WMkQJsOhe62SVfBttZq5BUhKsCeXAUF5e7VU')
) as demo (id, username, display_name, employee_id, groups, password_hash)
where '${demo}' = 'true';
