-- Demo data set (only where the placeholder demo is true): the portal web page may ask for an
-- OpenID Connect ID token (scope openid) beside its access token; it is not in its default scope.
update clients set allowed_scopes = allowed_scopes || ' openid'
where client_id = 'techcorp_portal_web' and allowed_scopes not like '%openid%' and '${demo}' = 'true';
