-- The board's year-round cycle (issue 16): a year started from the one
-- before it, last year's objectives answered, the board's objectives for the
-- coming year as a list, comments on a return's entries, and what each
-- submission of a return held.

-- A period started from the one before it: its outline, the board's
-- headings and its targets (to be confirmed) were carried from there, and its
-- returns look back on that period's objectives. A period is started once,
-- and no two periods from the same one.
ALTER TABLE periods
    ADD COLUMN carried_from bigint REFERENCES periods (id),
    ADD COLUMN carried_at   timestamptz,
    ADD CONSTRAINT periods_carried_from_another CHECK (carried_from <> id),
    ADD CONSTRAINT periods_carried_when CHECK ((carried_from IS NULL) = (carried_at IS NULL));
CREATE UNIQUE INDEX periods_carried_from_key ON periods (carried_from);

-- A target carried from last year stays "to be confirmed" until the manager
-- saves it; it is shown as such and nothing is rated against it.
ALTER TABLE targets ADD COLUMN confirmed boolean NOT NULL DEFAULT true;

-- An agency's answer, in the next period's return, to one of the objectives
-- its return set the year before: a status and what happened, in the three
-- Results-Based Accountability parts. One answer per objective: its id is the
-- objective's. An empty status is not answered yet.
CREATE TABLE objective_reviews (
    id         bigint  PRIMARY KEY REFERENCES objectives (id) ON DELETE CASCADE,
    return_id  bigint  NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    status     text    NOT NULL DEFAULT '' CHECK (status IN ('', 'achieved', 'partly_achieved', 'not_achieved', 'no_longer_relevant')),
    how_much   text    NOT NULL DEFAULT '' CHECK (length(how_much) <= 10000),
    how_well   text    NOT NULL DEFAULT '' CHECK (length(how_well) <= 10000),
    better_off text    NOT NULL DEFAULT '' CHECK (length(better_off) <= 10000),
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint REFERENCES users (id),
    CONSTRAINT objective_reviews_position_key UNIQUE (return_id, position) DEFERRABLE INITIALLY DEFERRED
);

-- The board's specific objectives for the coming year under each strategic
-- aim: an ordered list, where there was one block of Markdown.
CREATE TABLE report_aim_objectives (
    id         bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    aim_id     bigint  NOT NULL REFERENCES report_aims (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    body       text    NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint REFERENCES users (id),
    CONSTRAINT report_aim_objectives_position_key UNIQUE (aim_id, position) DEFERRABLE INITIALLY DEFERRED
);

-- One objective per item of each aim's text: a line starting with a bullet
-- (-, *, ·, •) or a number (1. or 1)) starts an item, and so does a line of
-- plain text after a blank line; any other line carries on the item above.
WITH lines AS (
    SELECT a.id AS aim_id, l.n, l.line,
           l.line ~ '^\s*([-*·•]|[0-9]+[.)])\s+' AS marked,
           btrim(l.line) = '' AS blank,
           coalesce(btrim(lag(l.line) OVER (PARTITION BY a.id ORDER BY l.n)), '') = '' AS after_blank
      FROM report_aims a,
           regexp_split_to_table(replace(a.coming_year, E'\r', ''), E'\n') WITH ORDINALITY AS l(line, n)
), numbered AS (
    SELECT aim_id, n, line, marked, blank,
           sum(CASE WHEN NOT blank AND (marked OR after_blank) THEN 1 ELSE 0 END)
               OVER (PARTITION BY aim_id ORDER BY n) AS item
      FROM lines
), items AS (
    SELECT aim_id, item,
           string_agg(btrim(regexp_replace(line, '^\s*([-*·•]|[0-9]+[.)])\s+', '')), ' ' ORDER BY n) AS body
      FROM numbered
     WHERE NOT blank AND item > 0
     GROUP BY aim_id, item
)
INSERT INTO report_aim_objectives (aim_id, position, body)
SELECT aim_id, row_number() OVER (PARTITION BY aim_id ORDER BY item), body
  FROM items
 WHERE body <> '';

ALTER TABLE report_aims DROP COLUMN coming_year;

-- The board's answer, in the next period's review of its business plan, to
-- one of the objectives it set for the coming year: as an agency's.
CREATE TABLE report_aim_objective_reviews (
    id         bigint  PRIMARY KEY REFERENCES report_aim_objectives (id) ON DELETE CASCADE,
    period_id  bigint  NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    status     text    NOT NULL DEFAULT '' CHECK (status IN ('', 'achieved', 'partly_achieved', 'not_achieved', 'no_longer_relevant')),
    how_much   text    NOT NULL DEFAULT '' CHECK (length(how_much) <= 10000),
    how_well   text    NOT NULL DEFAULT '' CHECK (length(how_well) <= 10000),
    better_off text    NOT NULL DEFAULT '' CHECK (length(better_off) <= 10000),
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint REFERENCES users (id),
    CONSTRAINT report_aim_objective_reviews_position_key UNIQUE (period_id, position) DEFERRABLE INITIALLY DEFERRED
);

-- A comment may be about one entry of the return (a review item, an
-- objective, an answer to last year's objective), named by its task and id,
-- with the entry's name as it was, so the comment still reads well if the
-- entry is removed. The comments of one send-back share its created_at.
ALTER TABLE return_comments
    ADD COLUMN task       text CHECK (length(task) BETWEEN 1 AND 40),
    ADD COLUMN entry_id   bigint,
    ADD COLUMN entry_name text NOT NULL DEFAULT '' CHECK (length(entry_name) <= 300),
    ADD CONSTRAINT return_comments_about_an_entry CHECK ((task IS NULL) = (entry_id IS NULL));

-- What each submission of a return held, so the board sees what changed when
-- it comes back. A submission lists its entries by task, id and version, in
-- order; the text of each version of an entry is kept once
-- (submitted_entries), however many submissions hold it unchanged.
CREATE TABLE return_submissions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    return_id    bigint NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    submitted_at timestamptz NOT NULL DEFAULT now(),
    submitted_by bigint REFERENCES users (id),
    entries      jsonb  NOT NULL CHECK (jsonb_typeof(entries) = 'array')
);
CREATE INDEX return_submissions_return_idx ON return_submissions (return_id, id);

CREATE TABLE submitted_entries (
    return_id bigint  NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    task      text    NOT NULL,
    entry_id  bigint  NOT NULL,
    version   integer NOT NULL,
    name      text    NOT NULL,
    fields    jsonb   NOT NULL CHECK (jsonb_typeof(fields) = 'array'), -- [["title", "…"], …] in the form's order
    PRIMARY KEY (return_id, task, entry_id, version)
);

-- Returns submitted or accepted now hold what they were submitted with, so
-- their first submission is on record. (A return sent back may have changed
-- since, so it has none until it is submitted again.)
INSERT INTO submitted_entries (return_id, task, entry_id, version, name, fields)
SELECT i.return_id, 'review', i.id, i.version, i.title,
       jsonb_build_array(jsonb_build_array('title', i.title), jsonb_build_array('how_much', i.how_much),
                         jsonb_build_array('how_well', i.how_well), jsonb_build_array('better_off', i.better_off))
  FROM review_items i JOIN returns r ON r.id = i.return_id
 WHERE r.status IN ('submitted', 'accepted');
INSERT INTO submitted_entries (return_id, task, entry_id, version, name, fields)
SELECT o.return_id, 'objectives', o.id, o.version, o.intend,
       jsonb_build_array(jsonb_build_array('intend', o.intend), jsonb_build_array('quantity', o.quantity),
                         jsonb_build_array('quality', o.quality), jsonb_build_array('outcomes', o.outcomes))
  FROM objectives o JOIN returns r ON r.id = o.return_id
 WHERE r.status IN ('submitted', 'accepted');
INSERT INTO return_submissions (return_id, submitted_at, submitted_by, entries)
SELECT r.id, coalesce(r.submitted_at, r.updated_at), r.submitted_by,
       coalesce((SELECT jsonb_agg(jsonb_build_object('task', e.task, 'id', e.id, 'version', e.version) ORDER BY e.t, e.position)
                   FROM (SELECT 1 AS t, 'review' AS task, id, version, position FROM review_items WHERE return_id = r.id
                         UNION ALL
                         SELECT 2, 'objectives', id, version, position FROM objectives WHERE return_id = r.id) e), '[]')
  FROM returns r
 WHERE r.status IN ('submitted', 'accepted');

-- Pages show all of these: writing them moves the data version.
SELECT watch_data_version('objective_reviews');
SELECT watch_data_version('report_aim_objectives');
SELECT watch_data_version('report_aim_objective_reviews');
SELECT watch_data_version('return_submissions');
SELECT watch_data_version('submitted_entries');
