-- Users whose tokens the auth-service must revoke (disabled, password reset): written in the same
-- transaction as the change, sent by TokenRevocationOutbox until the auth-service has taken it, so
-- a change made while the auth-service is away is not lost. One row per user: a later change
-- moves its cutoff.
create table pending_token_revocations (
    subject       uuid primary key,
    issued_before timestamptz not null,
    attempts      integer     not null default 0,
    next_attempt  timestamptz not null default now()
);
