-- Tokens ended before their time (POST /api/auth/logout, /api/auth/refresh),
-- by their jti claim. A row is useless once the token has expired anyway, so
-- the sweeper deletes it then: the table holds at most one token lifetime of
-- logouts. No foreign key: a deleted user's tokens fail on the user lookup.

CREATE TABLE revoked_tokens (
  token_id   TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL,
  expires_at {{TIMESTAMP}} NOT NULL
);
CREATE INDEX idx_revoked_tokens_expires ON revoked_tokens (expires_at);
