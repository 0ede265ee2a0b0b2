-- The version fence and the tombstones of a consumer of Trellis's events (PostgreSQL), in the consumer's own
-- database, written in the same transaction as the consumer's effects (JdbcAppliedVersions).
-- One row per aggregate the consumer applied an event of: the highest version applied, and when the aggregate
-- was deleted (a tombstone: nothing may bring it back). Tombstones older than the retention are purged
-- (JdbcAppliedVersions.purgeTombstones); the rows of live aggregates stay.
create table if not exists trellis_applied_version (
    aggregate_type text        not null,   -- user, item, tag, file
    aggregate_id   text        not null,   -- usr_…, itm_…, tag_…, fil_…
    version        bigint      not null,   -- the highest event version applied
    deleted_at     timestamptz,            -- when the deletion was applied; null while the aggregate lives
    primary key (aggregate_type, aggregate_id)
);

create index if not exists trellis_applied_version_tombstones
    on trellis_applied_version (deleted_at) where deleted_at is not null;
