-- Demo data set, inserted only where the placeholder demo is true (profile "demo": local run and
-- compose; never in production): the clients of the source documents,
-- so that their example requests work as written against localhost. Both secrets are the
-- documents' "super_secret", stored as an Argon2id hash like any other.
insert into clients (client_id, name, secret_hash, confidential, grant_types, allowed_scopes, default_scopes,
                     redirect_uris, access_token_lifetime_seconds, refresh_token_lifetime_seconds)
select * from (values ('report_service_id', 'DataCorp ReportService',
        '$argon2id$v=19$m=7168,t=5,p=1$iJ/xKLjxVHnUqYytONkKDg$VUcXjDl77xoPGHBOg4Gpmssyx6zP8ZqwTu2thdi/mBc',
        true, 'client_credentials', 'data:read', 'data:read', '', 3600, 0),
       ('techcorp_employee_portal', 'TechCorp Employee Portal (mobile app)',
        '$argon2id$v=19$m=7168,t=5,p=1$iJ/xKLjxVHnUqYytONkKDg$VUcXjDl77xoPGHBOg4Gpmssyx6zP8ZqwTu2thdi/mBc',
        true, 'password refresh_token', 'payslips:read leave:read hr:read', 'payslips:read leave:read', '', 3600, 2592000)) as demo
where '${demo}' = 'true';
