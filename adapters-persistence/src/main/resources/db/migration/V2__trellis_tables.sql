-- The seed's custom tables, with its enums, defaults, foreign keys and ON DELETE actions, and the
-- outbox. Columns beyond the seed are marked "added:" and listed in the README with their reason.

create type theme as enum ('light', 'dark', 'system');
create type item_status as enum ('draft', 'published', 'archived');

create table user_profile (
    user_id  text primary key references "user" (id) on delete cascade,
    bio      text,
    website  text,
    timezone text   not null default 'UTC', -- added: not null (the seed leaves it nullable; null has no meaning)
    version  bigint not null default 0      -- added: optimistic locking (If-Match)
);

create table user_settings (
    user_id               text primary key references "user" (id) on delete cascade,
    theme                 theme   not null default 'system',
    language              text    not null default 'en',
    notifications_enabled boolean not null default true,
    version               bigint  not null default 0 -- added: optimistic locking (If-Match)
);

create table items (
    id          text primary key,
    user_id     text        not null references "user" (id) on delete cascade,
    title       text        not null,
    description text,
    content     text,
    status      item_status not null default 'draft',
    image_url   text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    version     bigint      not null default 0, -- added: optimistic locking (If-Match)
    constraint items_title_not_blank check (btrim(title) <> '') -- added: the domain's rule, also for writes from elsewhere
);

create table tags (
    id         text primary key,
    name       text        not null unique,
    color      text        not null default '#6b7280',
    created_at timestamptz not null default now(),
    created_by text references "user" (id) on delete set null, -- added: only the creator may change or delete a tag
    version    bigint      not null default 0,                  -- added: optimistic locking (If-Match)
    constraint tags_color_hex check (color ~ '^#[0-9a-f]{6}$') -- added: the domain's #rrggbb rule
);

create table item_tags (
    item_id text not null references items (id) on delete cascade,
    tag_id  text not null references tags (id) on delete cascade,
    primary key (item_id, tag_id)
);

create table files (
    id          text primary key,
    user_id     text        not null references "user" (id) on delete cascade,
    item_id     text references items (id) on delete set null,
    filename    text        not null,
    storage_key text        not null,
    url         text,
    size        integer     not null,
    mime_type   text        not null,
    created_at  timestamptz not null default now(),
    version     bigint      not null default 0, -- added: optimistic locking (If-Match)
    constraint files_size_not_negative check (size >= 0),        -- added: the domain's rule
    constraint files_storage_key_unique unique (storage_key)     -- added: two rows never share stored bytes
);

-- Events for downstream services, written in the transaction of the change they report and read
-- by the relay from the database's log (logical decoding).
create table outbox (
    id             text primary key,                            -- obx_ + 12
    position       bigint generated always as identity unique,  -- append order, for retention and replay
    aggregate_type text        not null,                        -- user | item | tag | file: the topic
    aggregate_id   text        not null,                        -- the Kafka key: one aggregate stays in order
    event_type     text        not null,                        -- e.g. item.created
    payload        jsonb       not null,
    trace_parent   text,                                        -- W3C traceparent of the causing request
    created_at     timestamptz not null default now()
);

-- Indexes, each for the query it serves (README: "Indexes").
-- A user's items, newest first, keyset-paginated on (created_at, id): GET /api/items.
create index items_user_created_idx on items (user_id, created_at desc, id desc);
-- The same list filtered by status: GET /api/items?status=.
create index items_user_status_created_idx on items (user_id, status, created_at desc, id desc);
-- Items carrying a tag (the list's tag filter, "is this tag used", and the cascade when a tag is deleted);
-- the primary key (item_id, tag_id) already serves "tags of these items".
create index item_tags_tag_id_idx on item_tags (tag_id, item_id);
-- A user's files, newest first: GET /api/files; also the cascade when a user is deleted.
create index files_user_created_idx on files (user_id, created_at desc);
-- An item's files: the item reads, and ON DELETE SET NULL when an item is deleted.
create index files_item_id_idx on files (item_id);
-- Tags a user created: ON DELETE SET NULL when the user is deleted.
create index tags_created_by_idx on tags (created_by);
-- Retention: delete relayed events older than N days, in batches.
create index outbox_created_at_idx on outbox (created_at);
-- One aggregate's events in order: snapshots and diagnostics.
create index outbox_aggregate_idx on outbox (aggregate_type, aggregate_id, position);

-- Every user has a profile and settings, also users a Better Auth server creates on the shared
-- database (its hooks run only in its own process), and users that existed before this migration.
create function trellis_create_user_defaults() returns trigger
    language plpgsql as
$$
begin
    insert into user_profile (user_id) values (new.id) on conflict do nothing;
    insert into user_settings (user_id) values (new.id) on conflict do nothing;
    return new;
end
$$;

create trigger user_defaults
    after insert on "user"
    for each row execute function trellis_create_user_defaults();

insert into user_profile (user_id) select id from "user" on conflict do nothing;
insert into user_settings (user_id) select id from "user" on conflict do nothing;
