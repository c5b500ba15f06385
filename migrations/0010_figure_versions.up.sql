-- Figures that an import cannot overwrite unseen, and imports that are read
-- once and can be undone.
--
-- Every save of figures takes one number from figure_versions, and each cell
-- it changes records that number as its version. A cleared cell ("not known")
-- leaves indicator_values, so its clearing is kept in cleared_values with the
-- version of the save that cleared it. A cell's version is its row's, or its
-- clearing's, or 0 for a cell never written; every later save that changes it
-- gives it another.
CREATE SEQUENCE figure_versions;

ALTER TABLE indicator_values ADD COLUMN version bigint NOT NULL DEFAULT nextval('figure_versions');

CREATE TABLE cleared_values (
    indicator_id bigint NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    on_date      date   NOT NULL,
    option1_id   bigint REFERENCES dimension_options (id) ON DELETE CASCADE,
    option2_id   bigint REFERENCES dimension_options (id) ON DELETE CASCADE,
    option3_id   bigint REFERENCES dimension_options (id) ON DELETE CASCADE,
    version      bigint NOT NULL,
    cleared_at   timestamptz NOT NULL DEFAULT now(),
    cleared_by   bigint REFERENCES users (id),
    CONSTRAINT cleared_values_cell_key UNIQUE NULLS NOT DISTINCT (indicator_id, on_date, option1_id, option2_id, option3_id)
);

-- An upload is read and checked once. What its preview shows is kept as JSON,
-- and the cells it would change, each with the version it had when checked,
-- in value_import_cells; the file itself is not kept. Applying records the
-- save's version and, in old_values, each cell's figure before (by its
-- position; NULL: not known), exactly as it was saved; undoing, who and when.
-- One array, not a column of the cells: updating 50,000 rows cost a second.
-- Uploads waiting for "apply" when this runs kept only their file: they go.
DELETE FROM value_imports;
ALTER TABLE value_imports DROP COLUMN content;
ALTER TABLE value_imports
    ADD COLUMN period_id  bigint   NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    ADD COLUMN format     text     NOT NULL CHECK (format IN ('csv', 'xlsx')),
    ADD COLUMN preview    jsonb    NOT NULL,
    ADD COLUMN problems   integer  NOT NULL DEFAULT 0,
    ADD COLUMN agency_ids bigint[] NOT NULL DEFAULT '{}',
    ADD COLUMN changes    integer  NOT NULL DEFAULT 0,
    ADD COLUMN applied_at timestamptz,
    ADD COLUMN version    bigint,
    ADD COLUMN old_values numeric[],
    ADD COLUMN undone_at  timestamptz,
    ADD COLUMN undone_by  bigint REFERENCES users (id);
CREATE INDEX value_imports_applied_idx ON value_imports (period_id, applied_at DESC) WHERE applied_at IS NOT NULL;

-- No foreign keys: checking them cost 3 s for a 50,000-cell import. The
-- store removes an import's cells with it; a cell of an indicator or option
-- removed since can no longer be undone (the save refuses its shape).
CREATE TABLE value_import_cells (
    import_id    bigint  NOT NULL,
    position     integer NOT NULL,
    indicator_id bigint  NOT NULL,
    on_date      date    NOT NULL,
    option1_id   bigint,
    option2_id   bigint,
    option3_id   bigint,
    value        numeric,          -- the file's figure; NULL clears the cell
    seen_version bigint  NOT NULL, -- the cell's version when the file was checked
    PRIMARY KEY (import_id, position)
);

-- Cleared cells and an import's cells feed the imports page and its undo:
-- writing them moves the data version like any other table a page reads.
SELECT watch_data_version('cleared_values');
SELECT watch_data_version('value_import_cells');
