-- Demo data set, inserted only where the placeholder demo is true (profile "demo": local run and
-- compose; never in production). Every demo password is the source documents' "secret123".
-- The ids are the subjects that employee-portal-api's demo data is keyed by.
insert into users (id, username, display_name, employee_id, groups, password_hash)
select * from (values
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e01'::uuid, 'johndoe',     'John Doe',     'TC-1001', 'employees engineering',
     '$argon2id$v=19$m=7168,t=5,p=1$vQCRfxs+JsHYahnpR1A9uA$E4SAkn6WMkQJsOhe62SVfBttZq5BUhKsCeXAUF5e7VU'),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e02'::uuid, 'janesmith',   'Jane Smith',   'TC-1002', 'employees hr',
     '$argon2id$v=19$m=7168,t=5,p=1$rahAQTAnFa2c0cVLeVSuTw$Hm9DjVXylh3KO1JSgYEx7K+dCnhk3O0/PQ3Tn38tnPo'),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e03'::uuid, 'alexchen',    'Alex Chen',    'TC-1003', 'employees sales',
     '$argon2id$v=19$m=7168,t=5,p=1$0iMUpuLLuGLMmJ5woeBGYA$o2wdXmpFOLAufKgIqSUEyeYJJ15IqFsPYL3T85Ju8WI'),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e04'::uuid, 'mariagarcia', 'Maria Garcia', 'TC-1004', 'employees finance',
     '$argon2id$v=19$m=7168,t=5,p=1$W8zTbqH5GYmf9bsUpc4Z1w$2r0D56lfUsdYeDhA5Tpr3IMAGzIRNwhD3CSppAXmXvQ'),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e05'::uuid, 'samokafor',   'Sam Okafor',   'TC-1005', 'employees engineering',
     '$argon2id$v=19$m=7168,t=5,p=1$AJKHPlrVOiYGFYRPqVle8A$jQXUnZf2TSgCi5p8kBa/FMQVfdnOdi3p+yFNKKIlsn0'),
    ('6f1c2a0e-3b7d-4c1a-9e5f-1a2b3c4d5e06'::uuid, 'priyanair',   'Priya Nair',   'TC-1006', 'employees marketing',
     '$argon2id$v=19$m=7168,t=5,p=1$WFhzbPsqLQN2V4+VmcDE4g$8zLZfobcSPd7YXWqikp5DaMeVVnPAqZqmI0VGQVOtt0')
) as demo (id, username, display_name, employee_id, groups, password_hash)
where '${demo}' = 'true';
