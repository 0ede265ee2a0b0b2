-- The seed's demo data, with fixed ids so that a second run changes nothing: every insert skips
-- rows that are already there, and nothing is updated.
insert into "user" (id, name, email, email_verified, created_at, updated_at)
values ('usr_demo00000001', 'Demo User', 'demo@example.com', true,
        timestamptz '2025-01-01 00:00:00+00', timestamptz '2025-01-01 00:00:00+00')
on conflict do nothing;

-- The user_defaults trigger made these rows for a new user; spelled out for a user that predates it.
insert into user_profile (user_id) values ('usr_demo00000001') on conflict do nothing;
insert into user_settings (user_id, theme, language) values ('usr_demo00000001', 'system', 'en') on conflict do nothing;

insert into tags (id, name, color, created_by, created_at)
values ('tag_demoimpt', 'Important', '#ef4444', 'usr_demo00000001', timestamptz '2025-01-01 00:00:00+00'),
       ('tag_demowork', 'Work', '#3b82f6', 'usr_demo00000001', timestamptz '2025-01-01 00:00:00+00'),
       ('tag_demopers', 'Personal', '#22c55e', 'usr_demo00000001', timestamptz '2025-01-01 00:00:00+00')
on conflict do nothing;

insert into items (id, user_id, title, description, status, created_at, updated_at)
values ('itm_demofirst001', 'usr_demo00000001', 'First Item', 'This is a sample item for testing.', 'published',
        timestamptz '2025-01-01 00:00:01+00', timestamptz '2025-01-01 00:00:01+00'),
       ('itm_demodraft001', 'usr_demo00000001', 'Draft Item', 'This item is still a draft.', 'draft',
        timestamptz '2025-01-01 00:00:02+00', timestamptz '2025-01-01 00:00:02+00')
on conflict do nothing;

-- Links only between demo rows that exist (a user may have deleted one since).
insert into item_tags (item_id, tag_id)
select link.item_id, link.tag_id
from (values ('itm_demofirst001', 'tag_demoimpt'),
             ('itm_demofirst001', 'tag_demowork'),
             ('itm_demodraft001', 'tag_demopers')) as link (item_id, tag_id)
where exists (select 1 from items i where i.id = link.item_id)
  and exists (select 1 from tags t where t.id = link.tag_id)
on conflict do nothing;
