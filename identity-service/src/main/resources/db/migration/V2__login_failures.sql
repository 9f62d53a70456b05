-- Failed verifications, counted per username and client address (Auth0's count_per_identifier_and_ip):
-- a run of failures locks that pair, not the account, so nobody can lock someone else out from
-- another address. The row with source '*' counts every address: a high ceiling against guessing
-- spread over many. Keyed by a digest of the lower-cased username, so unknown usernames are counted
-- exactly like real ones and a lockout says nothing about which names exist. An attempt is counted
-- before its password is hashed (a reservation), so parallel guesses cannot exceed the limit.
-- trusted_until: the pair signed in successfully lately; a lock of the username over every address
-- does not keep it out, so guessing from elsewhere cannot lock the user out from where they sign in.
create table login_failures (
    username_key  char(64)    not null,
    source        varchar(64) not null,
    failures      integer     not null default 0,
    locked_until  timestamptz,
    trusted_until timestamptz,
    updated_at    timestamptz not null default now(),
    primary key (username_key, source)
);
create index login_failures_updated_at on login_failures (updated_at);

-- The per-account counter this replaces could be driven by anyone to lock anyone out.
alter table users drop column failed_attempts;
alter table users drop column locked_until;
