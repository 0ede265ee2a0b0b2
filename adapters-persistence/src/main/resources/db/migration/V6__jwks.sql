-- The jwks table of Better Auth's jwt plugin (better-auth 1.7), as its generator emits it, so that a
-- Better Auth server with that plugin can share the keys. "if not exists" adopts a table Better Auth
-- already made; its "timestamp" columns become timestamptz as in V1 (Better Auth writes UTC).

create table if not exists jwks (
    id          text primary key,
    public_key  text        not null,
    private_key text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz,
    alg         text,
    crv         text
);

-- Better Auth made with "timestamp" (no time zone): same instants, now typed as UTC.
do $$
declare
    col record;
begin
    for col in
        select c.column_name
        from information_schema.columns c
        where c.table_schema = current_schema()
          and c.table_name = 'jwks'
          and c.data_type = 'timestamp without time zone'
    loop
        execute format('alter table jwks alter column %I type timestamptz using %I at time zone ''UTC''',
                       col.column_name, col.column_name);
    end loop;
end
$$;
