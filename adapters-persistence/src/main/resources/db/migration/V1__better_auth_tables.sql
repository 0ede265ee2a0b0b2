-- Better Auth's four tables, as its generator emits them (better-auth 1.7), so that a Better Auth
-- server can share this database. Written to adopt a database where Better Auth already made them:
-- every statement is "if not exists", and its "timestamp" columns are turned into timestamptz
-- (read as UTC, which is what Better Auth writes; it reads either type back).

create table if not exists "user" (
    id             text primary key,
    name           text        not null,
    email          text        not null unique,
    email_verified boolean     not null default false,
    image          text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);

create table if not exists session (
    id         text primary key,
    expires_at timestamptz not null,
    token      text        not null unique,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null,
    ip_address text,
    user_agent text,
    user_id    text        not null references "user" (id) on delete cascade
);

create table if not exists account (
    id                       text primary key,
    account_id               text        not null,
    provider_id              text        not null,
    user_id                  text        not null references "user" (id) on delete cascade,
    access_token             text,
    refresh_token            text,
    id_token                 text,
    access_token_expires_at  timestamptz,
    refresh_token_expires_at timestamptz,
    scope                    text,
    password                 text,
    created_at               timestamptz not null default now(),
    updated_at               timestamptz not null
);

create table if not exists verification (
    id         text primary key,
    identifier text        not null,
    value      text        not null,
    expires_at timestamptz not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- Better Auth made with "timestamp" (no time zone): same instants, now typed as UTC.
do $$
declare
    col record;
begin
    for col in
        select c.table_name, c.column_name
        from information_schema.columns c
        where c.table_schema = current_schema()
          and c.table_name in ('user', 'session', 'account', 'verification')
          and c.data_type = 'timestamp without time zone'
    loop
        execute format('alter table %I alter column %I type timestamptz using %I at time zone ''UTC''',
                       col.table_name, col.column_name, col.column_name);
    end loop;
end
$$;

-- Better Auth's own indexes, under its names (so an adopted database keeps exactly one of each).
-- get-session and list-sessions: a user's sessions.
create index if not exists "session_userId_idx" on session (user_id);
-- list-accounts, sign-in: a user's linked accounts.
create index if not exists "account_userId_idx" on account (user_id);
-- every verification flow looks its row up by identifier.
create index if not exists "verification_identifier_idx" on verification (identifier);

-- Trellis's additions: the cleanup jobs delete what has expired.
create index if not exists session_expires_at_idx on session (expires_at);
create index if not exists verification_expires_at_idx on verification (expires_at);
