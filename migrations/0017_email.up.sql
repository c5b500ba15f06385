-- Email that chases (issue 17): an outbox written in the same transaction as
-- the change that causes each message, sent by a worker in every server, the
-- users' choices of what they hear about, and the key that signs their
-- unsubscribe links.

-- Every email Safeboard means to send, queued in the transaction of the change
-- that causes it. A worker claims a due row with FOR UPDATE SKIP LOCKED, so
-- two servers never send one message twice, and records what happened.
CREATE TABLE outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            text   NOT NULL CHECK (kind IN ('return_reminder', 'return_chase', 'return_reviewed', 'return_submitted',
                                                    'challenge_raised', 'challenge_reminder', 'challenge_answered', 'report_published')),
    -- The one user a message is for, whose unsubscribe link it carries; NULL
    -- for a message to several people (an agency's leads), of a kind nobody
    -- may turn off.
    user_id         bigint REFERENCES users (id) ON DELETE SET NULL,
    recipients      text[] NOT NULL CHECK (cardinality(recipients) BETWEEN 1 AND 100),
    subject         text   NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    body            text   NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    -- Why the person gets it, in words, and the page it is about (a path).
    reason          text   NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    path            text   NOT NULL CHECK (path LIKE '/%'),
    -- A scheduled reminder's key (return or challenge, kind, date), so two
    -- servers schedule it once.
    schedule_key    text   UNIQUE,
    status          text   NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text   NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    CONSTRAINT outbox_sent_when_sent CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at, id) WHERE status = 'queued';
CREATE INDEX outbox_recent_idx ON outbox (created_at DESC, id DESC);

-- The kinds of email each user has turned off. Deadline reminders and
-- chases are never turned off (the code refuses them).
CREATE TABLE notification_opt_outs (
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       text   NOT NULL CHECK (kind IN ('return_reviewed', 'return_submitted', 'challenge_raised', 'challenge_answered', 'report_published')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, kind)
);

-- The key that signs unsubscribe links, one per database so every server
-- agrees on it. gen_random_uuid() is random enough (122 bits each).
CREATE TABLE mail_secret (
    id     boolean PRIMARY KEY DEFAULT true CHECK (id),
    secret bytea   NOT NULL CHECK (length(secret) >= 16)
);
INSERT INTO mail_secret (secret)
VALUES (decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
