-- Demo data set (only where the placeholder demo is true): each resource server of the suite as a
-- client of its own, named like its audience. It authenticates with it to poll the security
-- events (revocations, RFC 8936) and may introspect tokens meant for it (RFC 7662 §4). The demo
-- secret is the documents' "super_secret", as for the other demo clients. The identity-service's
-- may also revoke a user's tokens (it does when it disables the user).
insert into clients (client_id, name, secret_hash, confidential, grant_types, allowed_scopes, default_scopes,
                     redirect_uris, access_token_lifetime_seconds, refresh_token_lifetime_seconds)
select * from (values
       ('data-service', 'DataCorp data-service (resource server)',
        '$argon2id$v=19$m=7168,t=5,p=1$iJ/xKLjxVHnUqYytONkKDg$VUcXjDl77xoPGHBOg4Gpmssyx6zP8ZqwTu2thdi/mBc',
        true, 'client_credentials', 'secevents:poll', '', '', 3600, 0),
       ('report-service', 'DataCorp report-service (resource server)',
        '$argon2id$v=19$m=7168,t=5,p=1$iJ/xKLjxVHnUqYytONkKDg$VUcXjDl77xoPGHBOg4Gpmssyx6zP8ZqwTu2thdi/mBc',
        true, 'client_credentials', 'secevents:poll', '', '', 3600, 0),
       ('employee-portal-api', 'TechCorp employee-portal-api (resource server)',
        '$argon2id$v=19$m=7168,t=5,p=1$iJ/xKLjxVHnUqYytONkKDg$VUcXjDl77xoPGHBOg4Gpmssyx6zP8ZqwTu2thdi/mBc',
        true, 'client_credentials', 'secevents:poll', '', '', 3600, 0),
       ('identity-service', 'TechCorp identity-service (resource server)',
        '$argon2id$v=19$m=7168,t=5,p=1$iJ/xKLjxVHnUqYytONkKDg$VUcXjDl77xoPGHBOg4Gpmssyx6zP8ZqwTu2thdi/mBc',
        true, 'client_credentials', 'secevents:poll auth:revoke-subject', '', '', 300, 0)) as demo
where '${demo}' = 'true';
