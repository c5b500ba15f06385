-- Sessions signed in before this moment are no longer valid: set when a user's
-- password changes or the user is disabled, so every session they had ends at
-- once, on every app server, even one whose request was in flight.
ALTER TABLE users ADD COLUMN sessions_valid_from timestamptz;

-- Pruning old failed sign-ins looks them up by time.
CREATE INDEX failed_sign_ins_attempted_idx ON failed_sign_ins (attempted_at);
