-- Demo data set (only where the placeholder demo is true): DataCorp's report dashboard, a
-- confidential OpenID Connect client of report-service (authorization code + PKCE, the code
-- redeemed on its server) with the documents' demo secret "super_secret". First-party: part of
-- the suite, so a user signed in at the portal is not asked anything. Its users need reports:read
-- (the analysts group, see auth.user-scope-groups).
insert into clients (client_id, name, secret_hash, confidential, grant_types, allowed_scopes, default_scopes,
                     redirect_uris, post_logout_redirect_uris, access_token_lifetime_seconds, refresh_token_lifetime_seconds,
                     first_party)
select * from (values ('report_dashboard', 'DataCorp report dashboard',
        '$argon2id$v=19$m=7168,t=5,p=1$iJ/xKLjxVHnUqYytONkKDg$VUcXjDl77xoPGHBOg4Gpmssyx6zP8ZqwTu2thdi/mBc',
        true, 'authorization_code refresh_token', 'openid reports:read', 'openid reports:read',
        'http://localhost:8083/dashboard/callback', 'http://localhost:8083/dashboard/signed-out', 900, 36000, true)) as demo
where '${demo}' = 'true';
