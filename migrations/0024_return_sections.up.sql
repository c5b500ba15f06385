-- Issue 15: each section (task) of a return asks its lead "Have you
-- completed this section?". The answer is kept per return and section;
-- a return is submitted only once every section it shows is completed.
CREATE TABLE return_sections (
    return_id  bigint      NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    task       text        NOT NULL CHECK (task IN ('last-year', 'review', 'objectives')),
    completed  boolean     NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint REFERENCES users (id),
    PRIMARY KEY (return_id, task)
);
SELECT watch_data_version('return_sections');

-- A return submitted before the question existed was complete when it was
-- submitted: its sections count as completed, so a return sent back before
-- this migration can be submitted again without answering for each.
INSERT INTO return_sections (return_id, task, completed, updated_at)
SELECT r.id, t.task, true, r.submitted_at
  FROM returns r
 CROSS JOIN (VALUES ('last-year'), ('review'), ('objectives')) AS t (task)
 WHERE r.submitted_at IS NOT NULL;
