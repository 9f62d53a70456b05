-- Users of the directory. The id is the stable subject (sub) of their tokens; usernames are unique
-- regardless of case. password_hash is an Argon2id PHC string that carries its own parameters.
create table users (
    id              uuid         primary key,
    username        varchar(64)  not null,
    display_name    varchar(200) not null,
    employee_id     varchar(32),
    groups          text         not null default '',
    enabled         boolean      not null default true,
    password_hash   varchar(255) not null,
    failed_attempts integer      not null default 0,
    locked_until    timestamptz,
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now()
);
create unique index users_username_ci on users (lower(username));
