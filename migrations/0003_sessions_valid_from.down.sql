DROP INDEX failed_sign_ins_attempted_idx;
ALTER TABLE users DROP COLUMN sessions_valid_from;
