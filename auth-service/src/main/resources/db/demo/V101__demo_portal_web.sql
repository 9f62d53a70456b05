-- Demo data set (only where the placeholder demo is true): the TechCorp Employee Portal web page,
-- a public client using authorization code + PKCE, served by employee-portal-api. First-party: the
-- employee is not asked for consent. The mobile app is TechCorp's own too.
insert into clients (client_id, name, secret_hash, confidential, grant_types, allowed_scopes, default_scopes,
                     redirect_uris, access_token_lifetime_seconds, refresh_token_lifetime_seconds, first_party)
select * from (values ('techcorp_portal_web', 'TechCorp Employee Portal (web)', null, false,
        'authorization_code refresh_token', 'payslips:read leave:read hr:read', 'payslips:read leave:read',
        'http://localhost:8084/portal/callback', 900, 86400, true)) as demo
where '${demo}' = 'true';
update clients set first_party = true where client_id in ('techcorp_employee_portal', 'report_service_id') and '${demo}' = 'true';
