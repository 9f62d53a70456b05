-- OpenID Connect RP-Initiated Logout 1.0 §3.1: where a client may send the browser back after
-- signing out, compared exactly like its redirect_uris. Space-separated, as the other lists.
alter table clients add column post_logout_redirect_uris text not null default '';
