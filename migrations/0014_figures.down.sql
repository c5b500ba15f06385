ALTER TABLE dimensions DROP COLUMN IF EXISTS overlapping;
ALTER TABLE indicators DROP COLUMN IF EXISTS decimals;
