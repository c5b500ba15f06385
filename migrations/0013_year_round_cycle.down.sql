DROP TABLE IF EXISTS submitted_entries;
DROP TABLE IF EXISTS return_submissions;
ALTER TABLE return_comments
    DROP CONSTRAINT IF EXISTS return_comments_about_an_entry,
    DROP COLUMN IF EXISTS entry_name,
    DROP COLUMN IF EXISTS entry_id,
    DROP COLUMN IF EXISTS task;
DROP TABLE IF EXISTS report_aim_objective_reviews;
-- The aims' objectives for the coming year go back to a numbered list in Markdown.
ALTER TABLE report_aims ADD COLUMN coming_year text NOT NULL DEFAULT '' CHECK (length(coming_year) <= 20000);
UPDATE report_aims a
   SET coming_year = left(o.list, 20000)
  FROM (SELECT aim_id, string_agg(position || '. ' || body, E'\n' ORDER BY position) AS list
          FROM report_aim_objectives GROUP BY aim_id) o
 WHERE o.aim_id = a.id;
DROP TABLE IF EXISTS report_aim_objectives;
DROP TABLE IF EXISTS objective_reviews;
ALTER TABLE targets DROP COLUMN IF EXISTS confirmed;
DROP INDEX IF EXISTS periods_carried_from_key;
ALTER TABLE periods
    DROP CONSTRAINT IF EXISTS periods_carried_when,
    DROP CONSTRAINT IF EXISTS periods_carried_from_another,
    DROP COLUMN IF EXISTS carried_at,
    DROP COLUMN IF EXISTS carried_from;
