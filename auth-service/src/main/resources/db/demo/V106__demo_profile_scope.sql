-- Demo data set (only where the placeholder demo is true): the browser clients may ask for the
-- user's name too (OpenID Connect scope profile), in the ID token and at the userinfo endpoint.
update clients set allowed_scopes = allowed_scopes || ' profile'
where client_id in ('techcorp_portal_web', 'report_dashboard') and allowed_scopes not like '%profile%' and '${demo}' = 'true';
