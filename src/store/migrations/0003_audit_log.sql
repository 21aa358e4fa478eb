-- Every admin write: who did what to which entity, with the entity before and
-- after as JSON text. Written in the same transaction as the change itself.
-- No foreign key on actor_id: the log must outlive whatever it describes.

CREATE TABLE audit_log (
  id          {{UUID}} PRIMARY KEY,
  actor_id    {{UUID}},
  action      TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  before_json TEXT,
  after_json  TEXT,
  created_at  {{TIMESTAMP}} NOT NULL DEFAULT {{NOW}}
);
CREATE INDEX idx_audit_log_created ON audit_log (created_at);
CREATE INDEX idx_audit_log_entity ON audit_log (entity_type, entity_id, created_at);
