-- Authorization code and implicit grants (RFC 6749 §4.1, §4.2; RFC 7636).
-- first_party: the suite's own apps; their users are not asked for consent. Third-party clients are.
-- pkce_plain_allowed: the "plain" code_challenge_method, refused unless a client is registered for it.
alter table clients
    add column first_party        boolean not null default false,
    add column pkce_plain_allowed boolean not null default false;
