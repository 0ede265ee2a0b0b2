-- The seed's demo data, written once: the whole statement does nothing when the demo user
-- (its fixed id or its email) already exists, so a second run changes nothing, and what a user
-- changed or deleted since stays that way. One statement: the rows of the data-modifying CTEs are
-- checked against the foreign keys at its end. The user_defaults trigger adds the demo user's
-- profile and settings (system theme, English, notifications on).
with seeding as (
    select 1
    where not exists (select 1 from "user" where id = 'usr_demo00000001' or email = 'demo@example.com')
),
demo_user as (
    insert into "user" (id, name, email, email_verified, created_at, updated_at)
    select 'usr_demo00000001', 'Demo User', 'demo@example.com', true,
           timestamptz '2025-01-01 00:00:00+00', timestamptz '2025-01-01 00:00:00+00'
    from seeding
    returning id
),
-- The demo user signs in with the password "trellis-demo" (Better Auth's scrypt format).
demo_account as (
    insert into account (id, account_id, provider_id, user_id, password, created_at, updated_at)
    select 'acc_demo00000000000000000001', demo_user.id, 'credential', demo_user.id,
           'dece578f6f83f51c5ec8887858082745:02ae04fd2a7e8a9fffb3d640d63d400a54bc001a0e15e35bde40967009a815e9165aa21fa79d2b3145ad4f060521732247191601edf1afa280f72a03bc59e7eb',
           timestamptz '2025-01-01 00:00:00+00', timestamptz '2025-01-01 00:00:00+00'
    from demo_user
    returning id
),
demo_tags as (
    insert into tags (id, name, color, created_by, created_at)
    select tag.id, tag.name, tag.color, demo_user.id, timestamptz '2025-01-01 00:00:00+00'
    from demo_user,
         (values ('tag_demoimpt', 'Important', '#ef4444'),
                 ('tag_demowork', 'Work', '#3b82f6'),
                 ('tag_demopers', 'Personal', '#22c55e')) as tag (id, name, color)
    on conflict do nothing -- a tag of that name made by someone else is linked instead (below)
    returning id, name
),
demo_items as (
    insert into items (id, user_id, title, description, status, created_at, updated_at)
    select item.id, demo_user.id, item.title, item.description, item.status::item_status, item.at, item.at
    from demo_user,
         (values ('itm_demofirst001', 'First Item', 'This is a sample item for testing.', 'published',
                  timestamptz '2025-01-01 00:00:01+00'),
                 ('itm_demodraft001', 'Draft Item', 'This item is still a draft.', 'draft',
                  timestamptz '2025-01-01 00:00:02+00')) as item (id, title, description, status, at)
    returning id
)
insert into item_tags (item_id, tag_id)
select link.item_id, coalesce(created.id, existing.id)
from (values ('itm_demofirst001', 'Important'),
             ('itm_demofirst001', 'Work'),
             ('itm_demodraft001', 'Personal')) as link (item_id, tag_name)
join demo_items on demo_items.id = link.item_id
left join demo_tags created on created.name = link.tag_name
left join tags existing on existing.name = link.tag_name
where coalesce(created.id, existing.id) is not null;
