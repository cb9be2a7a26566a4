-- State the replicas of one deployment share (issue 25). Plain SQL for PostgreSQL and H2 in PostgreSQL mode.

-- Client tokens already accepted, so a token replayed to any replica is refused. token_key is the SHA-256 (hex) of
-- the issuer and the jti, never the token itself; a row can go once expires_at (the token's exp plus the allowed
-- clock skew) has passed.
CREATE TABLE client_token_use (
    token_key  CHAR(64)                 NOT NULL PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX client_token_use_expires_at ON client_token_use (expires_at);

-- The replicas running on this database and the content version each answers with; each one refreshes its row
-- every few seconds, and a row not refreshed for a while belongs to a replica that is gone.
CREATE TABLE service_replica (
    replica_id      VARCHAR(128)             NOT NULL PRIMARY KEY,
    content_version VARCHAR(64)              NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen       TIMESTAMP WITH TIME ZONE NOT NULL
);
