-- Agency returns: one per agency per period, with its review items, objectives and comments.

CREATE TABLE returns (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id    bigint  NOT NULL REFERENCES periods (id),
    agency_id    bigint  NOT NULL REFERENCES agencies (id),
    status       text    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
    -- Bumped by every change of status, so a stale review action is refused.
    version      integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   bigint REFERENCES users (id),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    updated_by   bigint REFERENCES users (id),
    submitted_at timestamptz,
    submitted_by bigint REFERENCES users (id),
    returned_at  timestamptz,
    returned_by  bigint REFERENCES users (id),
    accepted_at  timestamptz,
    accepted_by  bigint REFERENCES users (id),
    CONSTRAINT returns_one_per_agency_and_period UNIQUE (period_id, agency_id)
);
CREATE INDEX returns_agency_idx ON returns (agency_id);

-- Every change of status: who, when, from what to what, and the comment if any.
CREATE TABLE return_status_changes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    return_id   bigint NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    from_status text,
    to_status   text   NOT NULL,
    actor_id    bigint REFERENCES users (id),
    changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX return_status_changes_return_idx ON return_status_changes (return_id, changed_at);

CREATE TABLE review_items (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    return_id  bigint  NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    title      text    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    how_much   text    NOT NULL DEFAULT '' CHECK (length(how_much) <= 10000),
    how_well   text    NOT NULL DEFAULT '' CHECK (length(how_well) <= 10000),
    better_off text    NOT NULL DEFAULT '' CHECK (length(better_off) <= 10000),
    -- Each item is its own unit of optimistic locking, so two leads can work on different items at once.
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint REFERENCES users (id),
    CONSTRAINT review_items_say_something CHECK (how_much <> '' OR how_well <> '' OR better_off <> ''),
    CONSTRAINT review_items_position_key UNIQUE (return_id, position) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE objectives (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    return_id  bigint  NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    intend     text    NOT NULL CHECK (length(intend) BETWEEN 1 AND 10000),
    quantity   text    NOT NULL DEFAULT '' CHECK (length(quantity) <= 10000),
    quality    text    NOT NULL DEFAULT '' CHECK (length(quality) <= 10000),
    outcomes   text    NOT NULL DEFAULT '' CHECK (length(outcomes) <= 10000),
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint REFERENCES users (id),
    CONSTRAINT objectives_position_key UNIQUE (return_id, position) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE return_comments (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    return_id  bigint NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    author_id  bigint NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    -- 'send_back' comments are the manager's reasons for sending a return back.
    kind       text   NOT NULL DEFAULT 'comment' CHECK (kind IN ('comment', 'send_back')),
    body       text   NOT NULL CHECK (length(body) BETWEEN 1 AND 10000)
);
CREATE INDEX return_comments_return_idx ON return_comments (return_id, created_at);
