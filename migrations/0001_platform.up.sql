-- Platform: agencies, users, sessions, reporting periods, audit events and sign-in attempts.

-- The board itself: one row.
CREATE TABLE board (
    id   integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200)
);

CREATE TABLE agencies (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    slug          text    NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 60),
    short_name    text    NOT NULL CHECK (length(short_name) BETWEEN 1 AND 60),
    sector        text    NOT NULL CHECK (length(sector) BETWEEN 1 AND 100),
    group_name    text    NOT NULL DEFAULT '' CHECK (length(group_name) <= 200),
    display_order integer NOT NULL DEFAULT 0,
    active        boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX agencies_slug_key ON agencies (slug);
CREATE UNIQUE INDEX agencies_name_key ON agencies (lower(name));

CREATE TABLE users (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email           text    NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    name            text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role            text    NOT NULL CHECK (role IN ('manager', 'chair', 'lead', 'member')),
    agency_id       bigint  REFERENCES agencies (id),
    password_hash   text    NOT NULL,
    disabled        boolean NOT NULL DEFAULT false,
    last_sign_in_at timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_agency_exactly_for_leads CHECK ((role = 'lead') = (agency_id IS NOT NULL))
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_agency_idx ON users (agency_id);

-- The table alexedwards/scs/pgxstore expects.
CREATE TABLE sessions (
    token  text PRIMARY KEY,
    data   bytea NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);

CREATE TABLE periods (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    label     text    NOT NULL CHECK (label ~ '^[0-9]{4}/[0-9]{2}$'),
    slug      text    NOT NULL CHECK (slug ~ '^[0-9]{4}-[0-9]{2}$'),
    starts_on date    NOT NULL,
    ends_on   date    NOT NULL,
    deadline  date,
    is_open   boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT periods_ends_after_start CHECK (ends_on > starts_on)
);
CREATE UNIQUE INDEX periods_label_key ON periods (label);
CREATE UNIQUE INDEX periods_slug_key ON periods (slug);

CREATE TABLE audit_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id    bigint REFERENCES users (id),
    actor_label text   NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    action      text   NOT NULL,
    entity      text   NOT NULL,
    entity_id   bigint,
    details     jsonb  NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_entity_idx ON audit_events (entity, entity_id, occurred_at);

-- Failed sign-ins per email, kept in Postgres so every app server sees the same count.
CREATE TABLE failed_sign_ins (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email        text NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX failed_sign_ins_email_idx ON failed_sign_ins (lower(email), attempted_at);
