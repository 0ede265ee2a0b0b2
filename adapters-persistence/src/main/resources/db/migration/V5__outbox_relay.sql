-- The outbox relay's own state (adapters-messaging, README "Events on Kafka"), in the application
-- database so that it survives restarts and moves with the leader to another instance.

-- Debezium's offsets (the last outbox position Kafka acknowledged, as a WAL position), one row per
-- key, written after every acknowledged batch.
create table relay_offset (
    relay      text        not null, -- the relay's name (its replication slot)
    key        bytea       not null,
    value      bytea,
    updated_at timestamptz not null default now(),
    primary key (relay, key)
);

-- How far the relay has published: retention deletes only rows at or below this position.
create table relay_progress (
    relay            text primary key,
    relayed_position bigint      not null,
    relayed_at       timestamptz not null
);

-- Events Kafka refused for good (too large, invalid), kept with the reason until replayed.
create table outbox_parked (
    id             text primary key,              -- the event id (obx_…)
    position       bigint      not null,
    aggregate_type text        not null,
    aggregate_id   text        not null,
    event_type     text        not null,
    payload        text        not null,          -- as published: jsonb's text
    trace_parent   text,
    created_at     timestamptz not null,
    reason         text        not null,
    parked_at      timestamptz not null default now(),
    attempts       integer     not null default 1
);
