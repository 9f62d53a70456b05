-- Registered OAuth clients. Lists are space-separated, as OAuth writes scopes (RFC 6749 §3.3).
create table clients (
    client_id                      varchar(100) primary key,
    name                           varchar(200),
    secret_hash                    varchar(255),          -- Argon2id PHC string; null for public clients
    confidential                   boolean      not null,
    grant_types                    text         not null,
    allowed_scopes                 text         not null default '',
    default_scopes                 text         not null default '',
    redirect_uris                  text         not null default '',
    access_token_lifetime_seconds  integer      not null check (access_token_lifetime_seconds > 0),
    refresh_token_lifetime_seconds integer      not null check (refresh_token_lifetime_seconds >= 0),
    enabled                        boolean      not null default true,
    created_at                     timestamptz  not null default now(),
    updated_at                     timestamptz  not null default now(),
    constraint confidential_has_secret check (not confidential or secret_hash is not null)
);
