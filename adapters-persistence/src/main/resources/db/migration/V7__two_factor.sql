-- The two-factor plugin of Better Auth (better-auth 1.7): the user's flag and the two_factor table,
-- as its generator emits them, so that a Better Auth server with that plugin shares the enrolments.
-- "if not exists" adopts what Better Auth already made; its "timestamp" column becomes timestamptz
-- as in V1 (Better Auth writes UTC). secret and backup_codes are sealed with the auth secret.

alter table "user" add column if not exists two_factor_enabled boolean default false;

create table if not exists two_factor (
    id                        text primary key,
    secret                    text        not null,
    backup_codes              text        not null,
    user_id                   text        not null references "user" (id) on delete cascade,
    verified                  boolean     default true,
    failed_verification_count integer     default 0,
    locked_until              timestamptz
);

-- Tables made by an older Better Auth lack the lockout columns.
alter table two_factor add column if not exists verified boolean default true;
alter table two_factor add column if not exists failed_verification_count integer default 0;
alter table two_factor add column if not exists locked_until timestamptz;

create index if not exists "twoFactor_secret_idx" on two_factor (secret);
create index if not exists "twoFactor_userId_idx" on two_factor (user_id);

do $$
begin
    if exists (select 1 from information_schema.columns c
               where c.table_schema = current_schema() and c.table_name = 'two_factor'
                 and c.column_name = 'locked_until' and c.data_type = 'timestamp without time zone') then
        alter table two_factor alter column locked_until type timestamptz using locked_until at time zone 'UTC';
    end if;
end
$$;
