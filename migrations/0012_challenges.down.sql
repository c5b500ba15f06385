DELETE FROM report_sections WHERE kind = 'challenge';
-- Close the gap the section leaves, wherever the manager had moved it.
UPDATE report_sections s SET position = n.position
  FROM (SELECT id, row_number() OVER (PARTITION BY period_id ORDER BY position) AS position FROM report_sections) n
 WHERE n.id = s.id AND s.position <> n.position;
ALTER TABLE report_sections DROP CONSTRAINT report_sections_kind_check;
ALTER TABLE report_sections ADD CONSTRAINT report_sections_kind_check
    CHECK (kind IN ('overview', 'plan', 'partner_reviews', 'performance', 'aims', 'work_by_aim', 'objectives', 'membership', 'free'));
DROP TABLE IF EXISTS challenge_answers;
DROP FUNCTION IF EXISTS challenge_answers_kept();
DROP TABLE IF EXISTS challenges;
DROP TABLE IF EXISTS challenge_target_kinds;
