-- The bytes of every deleted file row are removed, whoever deleted the row: a use case, the cascade
-- from a deleted user, plain SQL, or a Better Auth server on the same database (its user deletion
-- cascades here too). A trigger queues the row's storage key in the same transaction as the delete,
-- so the queue holds exactly the committed deletes (a rolled-back delete queues nothing); the
-- application drains the queue (README: "Files"): it removes the bytes, then the key. Keys are never
-- reused (<userId>/<fileId>, both generated), and a key a row points at again is skipped, not removed.
-- TRUNCATE fires no row trigger: its bytes are found by the sweep, as any bytes without a row.

create table file_deletion (
    storage_key text primary key,
    deleted_at  timestamptz not null default now()
);

create index file_deletion_deleted_at_idx on file_deletion (deleted_at);

create function trellis_queue_file_deletion() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'DELETE' or old.storage_key is distinct from new.storage_key then
        insert into file_deletion (storage_key) values (old.storage_key) on conflict do nothing;
    end if;
    return null;
end
$$;

create trigger file_bytes_deletion
    after delete or update of storage_key on files
    for each row execute function trellis_queue_file_deletion();

-- The check and the sweep read the rows' keys in byte order, to merge them with the storage's listing.
create index files_storage_key_c_idx on files (storage_key collate "C");
