-- The instant before which the client's access tokens are no longer honoured where the service
-- checks them against the registration (the admin API today): moved forward when its secret is
-- rotated, when it is disabled, and when scopes are taken from it, so that neither re-enabling it
-- nor giving a scope back revives a token from before.
alter table clients add column tokens_not_before timestamptz;
update clients set tokens_not_before = created_at;
alter table clients alter column tokens_not_before set not null;
alter table clients alter column tokens_not_before set default now();
