-- The annual report's board content per period (issue 6): the cover, the
-- board's own texts (the chair's overview, introductions), the review of the
-- board's business plan (key objectives and their items), the strategic aims,
-- the membership with meetings and attendance, and the outline: the report's
-- sections in order, which the manager reorders, hides, renames and adds to.
-- Every row a person edits carries a version for optimistic locking.

CREATE TABLE report_covers (
    period_id  bigint  PRIMARY KEY REFERENCES periods (id) ON DELETE CASCADE,
    title      text    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    subtitle   text    NOT NULL DEFAULT '' CHECK (length(subtitle) <= 200),
    cover_date date,
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint REFERENCES users (id)
);

-- Longer texts written in a small Markdown subset, one per kind and period.
CREATE TABLE report_texts (
    period_id  bigint  NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    kind       text    NOT NULL CHECK (kind IN ('overview', 'plan_intro', 'aims_intro', 'membership_intro')),
    body       text    NOT NULL DEFAULT '' CHECK (length(body) <= 50000),
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint REFERENCES users (id),
    PRIMARY KEY (period_id, kind)
);

-- The board's review of its own business plan: key objectives ...
CREATE TABLE report_plan_objectives (
    id         bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id  bigint  NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    title      text    NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    intro      text    NOT NULL DEFAULT '' CHECK (length(intro) <= 20000),
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint REFERENCES users (id),
    CONSTRAINT report_plan_objectives_position_key UNIQUE (period_id, position) DEFERRABLE INITIALLY DEFERRED
);

-- ... each with items: desired outcome, what was done and how well, what difference it made.
CREATE TABLE report_plan_items (
    id              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    objective_id    bigint  NOT NULL REFERENCES report_plan_objectives (id) ON DELETE CASCADE,
    position        integer NOT NULL,
    title           text    NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    desired_outcome text    NOT NULL DEFAULT '' CHECK (length(desired_outcome) <= 5000),
    what_we_did     text    NOT NULL DEFAULT '' CHECK (length(what_we_did) <= 30000),
    difference      text    NOT NULL DEFAULT '' CHECK (length(difference) <= 30000),
    version         integer NOT NULL DEFAULT 1,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      bigint REFERENCES users (id),
    CONSTRAINT report_plan_items_position_key UNIQUE (objective_id, position) DEFERRABLE INITIALLY DEFERRED
);

-- Strategic aims, each with the outcomes it seeks and its specific objectives
-- for the coming year and for later years.
CREATE TABLE report_aims (
    id          bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id   bigint  NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    position    integer NOT NULL,
    title       text    NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    outcomes    text    NOT NULL DEFAULT '' CHECK (length(outcomes) <= 20000),
    coming_year text    NOT NULL DEFAULT '' CHECK (length(coming_year) <= 20000),
    later_years text    NOT NULL DEFAULT '' CHECK (length(later_years) <= 20000),
    version     integer NOT NULL DEFAULT 1,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  bigint REFERENCES users (id),
    CONSTRAINT report_aims_position_key UNIQUE (period_id, position) DEFERRABLE INITIALLY DEFERRED
);

-- Board members in the period: a role, the agency or organisation they represent, a name if given.
CREATE TABLE report_members (
    id           bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id    bigint  NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    position     integer NOT NULL,
    role         text    NOT NULL CHECK (length(role) BETWEEN 1 AND 200),
    organisation text    NOT NULL CHECK (length(organisation) BETWEEN 1 AND 200),
    name         text    NOT NULL DEFAULT '' CHECK (length(name) <= 200),
    version      integer NOT NULL DEFAULT 1,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    updated_by   bigint REFERENCES users (id),
    CONSTRAINT report_members_position_key UNIQUE (period_id, position) DEFERRABLE INITIALLY DEFERRED
);

-- Board meetings in the period and who attended each.
CREATE TABLE report_meetings (
    id         bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id  bigint  NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    held_on    date    NOT NULL,
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint REFERENCES users (id),
    CONSTRAINT report_meetings_one_a_day UNIQUE (period_id, held_on)
);

CREATE TABLE report_attendance (
    meeting_id bigint NOT NULL REFERENCES report_meetings (id) ON DELETE CASCADE,
    member_id  bigint NOT NULL REFERENCES report_members (id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, member_id)
);
CREATE INDEX report_attendance_member_idx ON report_attendance (member_id);

-- The outline: the report's sections in order after the cover and contents.
-- Built-in kinds appear once per period; 'free' sections are the manager's
-- own Markdown text. An appendix is lettered (Appendix A) rather than numbered.
CREATE TABLE report_sections (
    id         bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id  bigint  NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    kind       text    NOT NULL CHECK (kind IN ('overview', 'plan', 'partner_reviews', 'performance', 'aims', 'objectives', 'membership', 'free')),
    title      text    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    hidden     boolean NOT NULL DEFAULT false,
    appendix   boolean NOT NULL DEFAULT false,
    body       text    NOT NULL DEFAULT '' CHECK (length(body) <= 50000),
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint REFERENCES users (id),
    CONSTRAINT report_sections_position_key UNIQUE (period_id, position) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT report_sections_free_body CHECK (kind = 'free' OR body = '')
);
CREATE UNIQUE INDEX report_sections_builtin_key ON report_sections (period_id, kind) WHERE kind <> 'free';
