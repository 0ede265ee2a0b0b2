-- Social sign-in finds the account by the provider and the provider's user id on every callback.
-- An index only (no column), so a Better Auth server sharing the database accepts the schema.
create index if not exists account_provider_account_idx on account (provider_id, account_id);
