DROP TABLE IF EXISTS published_reports;
DROP FUNCTION IF EXISTS published_reports_frozen();
DROP TABLE IF EXISTS figures_complete;
DROP TABLE IF EXISTS report_checklist;
DELETE FROM report_sections WHERE kind = 'work_by_aim';
UPDATE report_sections s SET position = s.position - 1
  FROM report_sections a
 WHERE a.period_id = s.period_id AND a.kind = 'aims' AND s.position > a.position + 1;
ALTER TABLE report_sections DROP CONSTRAINT report_sections_kind_check;
ALTER TABLE report_sections ADD CONSTRAINT report_sections_kind_check
    CHECK (kind IN ('overview', 'plan', 'partner_reviews', 'performance', 'aims', 'objectives', 'membership', 'free'));
DROP INDEX IF EXISTS objectives_aim_idx;
DROP INDEX IF EXISTS review_items_aim_idx;
ALTER TABLE objectives DROP COLUMN IF EXISTS aim_id;
ALTER TABLE review_items DROP COLUMN IF EXISTS aim_id;
