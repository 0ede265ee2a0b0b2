-- Events for changes that do not pass through Trellis's use cases, exactly once:
--  * users a Better Auth server (or Trellis's own auth flows) creates, updates or deletes;
--  * rows removed or changed by ON DELETE CASCADE / SET NULL (a deleted user's items and files,
--    files detached from a deleted item, tags whose creator was deleted);
--  * any other writer of the tables (SQL by hand, the demo data).
-- Use cases write their own events and mark their transaction (trellis.events_by_app); these
-- triggers then stay silent except for cascades, which no use case reports. They are deferred
-- constraint triggers: they run at commit, see the final state, and so emit the state after the
-- change. Every event gets the next per-aggregate version from aggregate_version.

create table aggregate_version (
    aggregate_type text   not null,
    aggregate_id   text   not null,
    version        bigint not null,
    primary key (aggregate_type, aggregate_id)
);

create function trellis_next_version(p_type text, p_id text) returns bigint
    language sql as
$$
insert into aggregate_version as a (aggregate_type, aggregate_id, version)
values (p_type, p_id, 1)
on conflict (aggregate_type, aggregate_id) do update set version = a.version + 1
returning version
$$;

create function trellis_emit(p_type text, p_id text, p_event text, p_payload jsonb) returns void
    language plpgsql as
$$
begin
    insert into outbox (id, aggregate_type, aggregate_id, event_type, payload, trace_parent, created_at)
    values ('obx_' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 12), p_type, p_id, p_event,
            p_payload || jsonb_build_object('version', trellis_next_version(p_type, p_id)),
            nullif(current_setting('trellis.trace_parent', true), ''), now());
end
$$;

-- True when the transaction's use case writes its own events.
create function trellis_events_by_app() returns boolean
    language sql stable as
$$
select coalesce(current_setting('trellis.events_by_app', true), '') = 'on'
$$;

-- True when this transaction wrote the row (its own event then carries the state).
create function trellis_written_here(p_xmin xid) returns boolean
    language sql stable as
$$
select p_xmin::text::bigint = txid_current() % 4294967296
$$;

create function trellis_iso(p_at timestamptz) returns text
    language sql immutable as
$$
select to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

create function trellis_user_state(p_id text) returns jsonb
    language sql stable as
$$
select jsonb_build_object(
               'schemaVersion', 1, 'id', u.id, 'name', u.name, 'email', u.email,
               'emailVerified', u.email_verified, 'image', u.image,
               'createdAt', trellis_iso(u.created_at), 'updatedAt', trellis_iso(u.updated_at),
               'profile', jsonb_build_object('bio', p.bio, 'website', p.website, 'timezone', coalesce(p.timezone, 'UTC')),
               'settings', jsonb_build_object('theme', coalesce(s.theme, 'system'), 'language', coalesce(s.language, 'en'),
                                              'notificationsEnabled', coalesce(s.notifications_enabled, true)))
from "user" u
         left join user_profile p on p.user_id = u.id
         left join user_settings s on s.user_id = u.id
where u.id = p_id
$$;

create function trellis_item_state(p_id text) returns jsonb
    language sql stable as
$$
select jsonb_build_object(
               'schemaVersion', 1, 'id', i.id, 'ownerId', i.user_id, 'title', i.title,
               'description', i.description, 'content', i.content, 'status', i.status, 'imageUrl', i.image_url,
               'tagIds', coalesce((select jsonb_agg(it.tag_id order by it.tag_id) from item_tags it where it.item_id = i.id), '[]'::jsonb),
               'fileIds', coalesce((select jsonb_agg(f.id order by f.id) from files f where f.item_id = i.id), '[]'::jsonb),
               'createdAt', trellis_iso(i.created_at), 'updatedAt', trellis_iso(i.updated_at))
from items i
where i.id = p_id
$$;

create function trellis_tag_state(p_id text) returns jsonb
    language sql stable as
$$
select jsonb_build_object('schemaVersion', 1, 'id', t.id, 'name', t.name, 'color', t.color,
                          'createdBy', t.created_by, 'createdAt', trellis_iso(t.created_at))
from tags t
where t.id = p_id
$$;

create function trellis_file_state(p_id text) returns jsonb
    language sql stable as
$$
select jsonb_build_object('schemaVersion', 1, 'id', f.id, 'ownerId', f.user_id, 'itemId', f.item_id,
                          'filename', f.filename, 'url', f.url, 'size', f.size, 'mimeType', f.mime_type,
                          'createdAt', trellis_iso(f.created_at))
from files f
where f.id = p_id
$$;

-- user: Trellis's auth flows and a Better Auth server write it without a use case event.
create function trellis_user_event() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'DELETE' then
        perform trellis_emit('user', old.id, 'user.deleted',
                             jsonb_build_object('schemaVersion', 1, 'id', old.id, 'deleted', true));
    elsif exists (select 1 from "user" where id = new.id) then
        perform trellis_emit('user', new.id, case tg_op when 'INSERT' then 'user.created' else 'user.updated' end,
                             trellis_user_state(new.id));
    end if;
    return null;
end
$$;

create function trellis_item_event() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'DELETE' then
        -- a use case reports its own deletes; a cascade from the owner's deletion is reported here
        if trellis_events_by_app() and exists (select 1 from "user" where id = old.user_id) then
            return null;
        end if;
        perform trellis_emit('item', old.id, 'item.deleted',
                             jsonb_build_object('schemaVersion', 1, 'id', old.id, 'ownerId', old.user_id, 'deleted', true));
    elsif not trellis_events_by_app() and exists (select 1 from items where id = new.id) then
        perform trellis_emit('item', new.id, case tg_op when 'INSERT' then 'item.created' else 'item.updated' end,
                             trellis_item_state(new.id));
    end if;
    return null;
end
$$;

create function trellis_item_tag_event() returns trigger
    language plpgsql as
$$
declare
    item_id text := coalesce(new.item_id, old.item_id);
    item_xmin xid;
begin
    if trellis_events_by_app() then
        return null;
    end if;
    select xmin into item_xmin from items where id = item_id;
    -- a gone item or tag reports itself; an item written in this transaction carries its tags already
    if item_xmin is null or trellis_written_here(item_xmin)
        or (tg_op = 'DELETE' and not exists (select 1 from tags where id = old.tag_id)) then
        return null;
    end if;
    perform trellis_emit('item', item_id, 'item.tags_changed', trellis_item_state(item_id));
    return null;
end
$$;

create function trellis_tag_event() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'DELETE' then
        if not trellis_events_by_app() then
            perform trellis_emit('tag', old.id, 'tag.deleted',
                                 jsonb_build_object('schemaVersion', 1, 'id', old.id, 'name', old.name, 'deleted', true));
        end if;
    elsif not exists (select 1 from tags where id = new.id) then
        return null;
    elsif not trellis_events_by_app()
        or (tg_op = 'UPDATE' and old.created_by is not null and new.created_by is null
            and not exists (select 1 from "user" where id = old.created_by)) then
        perform trellis_emit('tag', new.id, case tg_op when 'INSERT' then 'tag.created' else 'tag.updated' end,
                             trellis_tag_state(new.id));
    end if;
    return null;
end
$$;

create function trellis_file_event() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'DELETE' then
        if not trellis_events_by_app() or not exists (select 1 from "user" where id = old.user_id) then
            perform trellis_emit('file', old.id, 'file.deleted',
                                 jsonb_build_object('schemaVersion', 1, 'id', old.id, 'ownerId', old.user_id, 'deleted', true));
        end if;
    elsif not exists (select 1 from files where id = new.id) then
        return null;
    elsif not trellis_events_by_app()
        or (tg_op = 'UPDATE' and old.item_id is not null and new.item_id is null
            and not exists (select 1 from items where id = old.item_id)) then
        perform trellis_emit('file', new.id, case tg_op when 'INSERT' then 'file.created' else 'file.updated' end,
                             trellis_file_state(new.id));
    end if;
    return null;
end
$$;

create constraint trigger user_events after insert or update or delete on "user"
    deferrable initially deferred for each row execute function trellis_user_event();
create constraint trigger item_events after insert or update or delete on items
    deferrable initially deferred for each row execute function trellis_item_event();
create constraint trigger item_tag_events after insert or delete on item_tags
    deferrable initially deferred for each row execute function trellis_item_tag_event();
create constraint trigger tag_events after insert or update or delete on tags
    deferrable initially deferred for each row execute function trellis_tag_event();
create constraint trigger file_events after insert or update or delete on files
    deferrable initially deferred for each row execute function trellis_file_event();
