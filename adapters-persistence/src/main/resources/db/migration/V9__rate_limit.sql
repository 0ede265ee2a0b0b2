-- Better Auth's rateLimit model (better-auth 1.7, rateLimit.storage "database") as its generator emits it with
-- Trellis's names (modelName "rate_limit", field lastRequest "last_request"), so that a Better Auth server with
-- database storage on the same database counts into the same budget. "if not exists" adopts a table Better Auth
-- already made. last_request is epoch milliseconds (JavaScript Date.now()). No other index: each request
-- updates its row, and an index on last_request would rule out HOT updates.

create table if not exists rate_limit (
    id           text    primary key,
    key          text    not null unique,
    count        integer not null,
    last_request bigint  not null
);

-- Each request upserts on the key: it must be unique, also in a table made by someone else.
do $$
begin
    if not exists (select 1 from pg_index i
                   join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
                   where i.indrelid = 'rate_limit'::regclass and i.indisunique and i.indnatts = 1
                     and a.attname = 'key') then
        create unique index rate_limit_key_key on rate_limit (key);
    end if;
end
$$;

-- Rows are rewritten all the time: leave room on each page for the new version (HOT).
alter table rate_limit set (fillfactor = 80);
