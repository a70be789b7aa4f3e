-- People who sign in, and their sessions. A user's scope is an org-unit subtree.
CREATE TABLE app_user (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username        text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  display_name    text NOT NULL,
  -- argon2id
  password_hash   text NOT NULL,
  role            text NOT NULL CHECK (role IN ('admin', 'leader', 'province_staff', 'commune_staff', 'planner')),
  scope_unit_id   integer NOT NULL REFERENCES org_unit (id),
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  disabled_at     timestamptz
);

CREATE TABLE user_session (
  -- sha-256 of the cookie's random token; the token itself is never stored
  id           text PRIMARY KEY,
  user_id      integer NOT NULL REFERENCES app_user (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX user_session_user_idx ON user_session (user_id);
