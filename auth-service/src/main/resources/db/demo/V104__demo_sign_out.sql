-- Demo data set (only where the placeholder demo is true): after signing out at the auth-service
-- (RP-Initiated Logout), the portal page's browser comes back to the portal.
update clients set post_logout_redirect_uris = 'http://localhost:8084/portal'
where client_id = 'techcorp_portal_web' and '${demo}' = 'true';
