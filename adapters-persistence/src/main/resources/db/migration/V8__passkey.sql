-- The passkey table of Better Auth's passkey plugin (@better-auth/passkey 1.7), as its generator emits
-- it, so that a Better Auth server with that plugin can share the passkeys. "if not exists" adopts a
-- table Better Auth already made; its "timestamp" column becomes timestamptz as in V1 (Better Auth
-- writes UTC).

create table if not exists passkey (
    id            text primary key,
    name          text,
    public_key    text    not null,
    user_id       text    not null references "user" (id) on delete cascade,
    credential_id text    not null,
    counter       integer not null,
    device_type   text    not null,
    backed_up     boolean not null,
    transports    text,
    created_at    timestamptz,
    aaguid        text
);

create index if not exists "passkey_userId_idx" on passkey (user_id);
create index if not exists "passkey_credentialID_idx" on passkey (credential_id);

-- Better Auth made with "timestamp" (no time zone): same instants, now typed as UTC.
do $$
declare
    col record;
begin
    for col in
        select c.column_name
        from information_schema.columns c
        where c.table_schema = current_schema()
          and c.table_name = 'passkey'
          and c.data_type = 'timestamp without time zone'
    loop
        execute format('alter table passkey alter column %I type timestamptz using %I at time zone ''UTC''',
                       col.column_name, col.column_name);
    end loop;
end
$$;
