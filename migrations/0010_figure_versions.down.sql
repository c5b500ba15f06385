DROP TABLE IF EXISTS value_import_cells;
DROP INDEX IF EXISTS value_imports_applied_idx;
DELETE FROM value_imports;
ALTER TABLE value_imports
    DROP COLUMN IF EXISTS period_id,
    DROP COLUMN IF EXISTS format,
    DROP COLUMN IF EXISTS preview,
    DROP COLUMN IF EXISTS problems,
    DROP COLUMN IF EXISTS agency_ids,
    DROP COLUMN IF EXISTS changes,
    DROP COLUMN IF EXISTS applied_at,
    DROP COLUMN IF EXISTS version,
    DROP COLUMN IF EXISTS old_values,
    DROP COLUMN IF EXISTS undone_at,
    DROP COLUMN IF EXISTS undone_by,
    ADD COLUMN content bytea NOT NULL DEFAULT ''::bytea;
ALTER TABLE value_imports ALTER COLUMN content DROP DEFAULT;
DROP TABLE IF EXISTS cleared_values;
ALTER TABLE indicator_values DROP COLUMN IF EXISTS version;
DROP SEQUENCE IF EXISTS figure_versions;
