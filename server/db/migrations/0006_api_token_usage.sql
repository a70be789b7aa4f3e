-- Who made an API token and when it was last used, so that administrators can tell a live feed
-- from a forgotten one before revoking it.
ALTER TABLE api_token ADD COLUMN created_by text;
-- refreshed at most once a minute per token (see server/auth/apiTokens.ts), not on every request
ALTER TABLE api_token ADD COLUMN last_used_at timestamptz;
