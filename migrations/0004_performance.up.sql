-- Performance data: indicators, their breakdowns, targets, comparators, figures and commentary.

-- A reusable, ordered list of options figures can be broken down by.
CREATE TABLE dimensions (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    version    integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX dimensions_name_key ON dimensions (lower(name));

CREATE TABLE dimension_options (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dimension_id bigint  NOT NULL REFERENCES dimensions (id) ON DELETE CASCADE,
    position     integer NOT NULL,
    label        text    NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
    CONSTRAINT dimension_options_position_key UNIQUE (dimension_id, position) DEFERRABLE INITIALLY DEFERRED
);
CREATE UNIQUE INDEX dimension_options_label_key ON dimension_options (dimension_id, lower(label));

CREATE TABLE indicators (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code           text    NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$'),
    name           text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description    text    NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    theme          text    NOT NULL CHECK (length(theme) BETWEEN 1 AND 100),
    unit           text    NOT NULL CHECK (unit IN ('count', 'percentage', 'days', 'rate_per_10000')),
    polarity       text    NOT NULL CHECK (polarity IN ('higher', 'lower', 'neither')),
    frequency      text    NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'yearly', 'snapshot')),
    ytd_rule       text    NOT NULL CHECK (ytd_rule IN ('sum', 'latest', 'mean', 'ratio')),
    numerator_id   bigint REFERENCES indicators (id),
    denominator_id bigint REFERENCES indicators (id),
    agency_id      bigint  NOT NULL REFERENCES agencies (id),
    -- Show counts from 1 to 4 as "<5" in the published report.
    suppress_small boolean NOT NULL DEFAULT false,
    -- The breakdown's shares are of this indicator's total for the year (of
    -- the same frequency), such as causes for concern as a share of the
    -- conferences held; NULL: of the breakdown's own total.
    share_base_id  bigint REFERENCES indicators (id) CHECK (share_base_id <> id),
    position       integer NOT NULL DEFAULT 0,
    version        integer NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT indicators_ratio_has_parts CHECK (
        (ytd_rule = 'ratio') = (numerator_id IS NOT NULL AND denominator_id IS NOT NULL)
        AND (numerator_id IS NULL) = (denominator_id IS NULL)
        AND (numerator_id IS NULL OR (numerator_id <> denominator_id AND numerator_id <> id AND denominator_id <> id))),
    CONSTRAINT indicators_ratio_is_percentage CHECK (ytd_rule <> 'ratio' OR unit = 'percentage')
);
CREATE UNIQUE INDEX indicators_code_key ON indicators (lower(code));
CREATE INDEX indicators_agency_idx ON indicators (agency_id);

-- Up to three breakdowns per indicator, in order.
CREATE TABLE indicator_dimensions (
    indicator_id bigint   NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    position     smallint NOT NULL CHECK (position BETWEEN 1 AND 3),
    dimension_id bigint   NOT NULL REFERENCES dimensions (id),
    PRIMARY KEY (indicator_id, position),
    CONSTRAINT indicator_dimensions_once UNIQUE (indicator_id, dimension_id)
);
CREATE INDEX indicator_dimensions_dimension_idx ON indicator_dimensions (dimension_id);

CREATE TABLE targets (
    indicator_id bigint  NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    period_id    bigint  NOT NULL REFERENCES periods (id),
    op           text    NOT NULL CHECK (op IN ('<', '<=', '>', '>=')),
    value        numeric NOT NULL,
    amber        numeric CHECK (amber >= 0),
    source       text    NOT NULL DEFAULT '' CHECK (length(source) <= 100),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (indicator_id, period_id)
);

CREATE TABLE comparator_series (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100)
);
CREATE UNIQUE INDEX comparator_series_name_key ON comparator_series (lower(name));

-- A comparator's figure for the year starting in April of year (2009 is 2009/10).
CREATE TABLE comparator_values (
    indicator_id bigint   NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    series_id    bigint   NOT NULL REFERENCES comparator_series (id) ON DELETE CASCADE,
    year         smallint NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    value        numeric  NOT NULL,
    PRIMARY KEY (indicator_id, series_id, year)
);

-- Figures. A missing row is "not known yet"; 0 is zero. The date is the first
-- of the month (or quarter, or year), or a snapshot's date. Options are the
-- breakdown options in the order of indicator_dimensions; NULL where the
-- indicator has fewer dimensions.
CREATE TABLE indicator_values (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    indicator_id bigint  NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    on_date      date    NOT NULL,
    option1_id   bigint REFERENCES dimension_options (id),
    option2_id   bigint REFERENCES dimension_options (id),
    option3_id   bigint REFERENCES dimension_options (id),
    value        numeric NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    updated_by   bigint REFERENCES users (id),
    CONSTRAINT indicator_values_cell_key UNIQUE NULLS NOT DISTINCT (indicator_id, on_date, option1_id, option2_id, option3_id)
);
CREATE INDEX indicator_values_option1_idx ON indicator_values (option1_id) WHERE option1_id IS NOT NULL;
CREATE INDEX indicator_values_option2_idx ON indicator_values (option2_id) WHERE option2_id IS NOT NULL;
CREATE INDEX indicator_values_option3_idx ON indicator_values (option3_id) WHERE option3_id IS NOT NULL;

-- The manager's commentary under an indicator's table for a period.
CREATE TABLE indicator_commentary (
    indicator_id bigint NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    period_id    bigint NOT NULL REFERENCES periods (id),
    body         text   NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    updated_by   bigint REFERENCES users (id),
    PRIMARY KEY (indicator_id, period_id)
);

-- Uploaded files waiting for "apply" after their preview. Kept so what is
-- applied is exactly what was checked; removed when applied or after a day.
CREATE TABLE value_imports (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    filename   text   NOT NULL,
    content    bytea  NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- RAG of a value against a target. Meeting the target is green; missing it by
-- no more than the amber margin is amber; otherwise red. An indicator where
-- neither direction is better, or without a target or figure, is not rated ('').
CREATE FUNCTION rag(v numeric, op text, target numeric, amber numeric, polarity text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN v IS NULL OR op IS NULL OR target IS NULL OR polarity = 'neither' THEN ''
        WHEN (op = '<'  AND v <  target) OR (op = '<=' AND v <= target)
          OR (op = '>'  AND v >  target) OR (op = '>=' AND v >= target) THEN 'green'
        WHEN amber IS NOT NULL AND abs(v - target) <= amber THEN 'amber'
        ELSE 'red'
    END
$$;

-- Sums of the figures kept beside them, so that the dashboard and the
-- performance section read a row per indicator and date (or year) rather than
-- every cell of every breakdown, and their cost does not grow with the years
-- of history. Statement-level triggers on indicator_values keep them exact at
-- every statement that writes figures, so no batch job is needed. They add
-- each statement's change, the new cells' values and count less the old
-- cells': in numeric, so the sums stay exact, and additions commute, so saves
-- running side by side each add their own part. A sum left with no cells is
-- removed: not known again. Years are financial years (1 April to 31 March),
-- as every period is: 2009 is 2009/10. Each sum is kept in float8 too (figure),
-- converted once when written rather than at every read: numeric to float8
-- goes through text, and adds up slower.

-- The total over the breakdown options of each indicator's figures on each
-- date (for an indicator without breakdowns, its one figure).
CREATE TABLE indicator_totals (
    indicator_id bigint  NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    on_date      date    NOT NULL,
    value        numeric NOT NULL,
    figure       float8  NOT NULL GENERATED ALWAYS AS (value::float8) STORED,
    cells        integer NOT NULL,
    PRIMARY KEY (indicator_id, on_date)
);

-- The same by the first breakdown's options: an indicator's figures by date
-- and first option, summed over its other breakdowns.
CREATE TABLE indicator_option_totals (
    indicator_id bigint  NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    on_date      date    NOT NULL,
    option1_id   bigint  NOT NULL REFERENCES dimension_options (id),
    value        numeric NOT NULL,
    figure       float8  NOT NULL GENERATED ALWAYS AS (value::float8) STORED,
    cells        integer NOT NULL,
    PRIMARY KEY (indicator_id, on_date, option1_id)
);

-- Each cell's figures summed over a year, with how many dates they are on
-- (0 for a breakdown the indicator does not have).
CREATE TABLE indicator_cell_years (
    indicator_id bigint  NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    year         integer NOT NULL,
    option1_id   bigint  NOT NULL,
    option2_id   bigint  NOT NULL,
    option3_id   bigint  NOT NULL,
    value        numeric NOT NULL,
    figure       float8  NOT NULL GENERATED ALWAYS AS (value::float8) STORED,
    dates        integer NOT NULL,
    PRIMARY KEY (indicator_id, year, option1_id, option2_id, option3_id)
);

-- Each indicator's totals by year: their sum, how many dates have one and
-- how many cells (a mean is the sum over the cells), and the last of them with
-- its total and cells; for a ratio indicator, its numerator's sum
-- and its denominator's over the dates both have, and its last ratio. These
-- are not added to but worked out again from indicator_totals for each year a
-- statement changed (the last date cannot be added up), and for every year
-- when an indicator becomes a ratio or changes its parts. The year's row is
-- taken first (made when new), so that saves side by side take turns on it,
-- and the second works it out from the first's committed totals as well as its
-- own.
CREATE TABLE indicator_years (
    indicator_id bigint  NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    year         integer NOT NULL,
    total        numeric NOT NULL,
    denominator  numeric, -- ratio indicators only
    dates        integer NOT NULL,
    cells        integer NOT NULL DEFAULT 0,
    last_on      date,
    last_value   numeric,
    last_cells   integer,
    PRIMARY KEY (indicator_id, year)
);

-- The financial year a date falls in: 2009 from 1 April 2009 to 31 March 2010.
CREATE FUNCTION financial_year(d date) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (date_part('year', d)::integer - CASE WHEN date_part('month', d) < 4 THEN 1 ELSE 0 END)
$$;

-- Works out the given indicators' years again (ids and years side by side):
-- from the indicator's totals, or for a ratio from its parts' totals on the
-- dates both have, the denominator not 0 (total: the numerator's sum; last:
-- the ratio, as a percentage, on the last of those dates). The rows are taken
-- first, in order, so that saves side by side take turns.
CREATE FUNCTION indicator_years_refresh(p_ids bigint[], p_years integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF p_ids IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO indicator_years AS y (indicator_id, year, total, dates)
    SELECT DISTINCT k.id, k.year, 0, 0
    FROM unnest(p_ids, p_years) AS k(id, year) JOIN indicators i ON i.id = k.id
    ORDER BY 1, 2
    ON CONFLICT (indicator_id, year) DO UPDATE SET dates = y.dates;
    UPDATE indicator_years y
    SET total = coalesce(s.total, 0), denominator = NULL, dates = s.dates, cells = coalesce(s.cells, 0),
        last_on = s.last_on, last_value = s.last_value, last_cells = s.last_cells
    FROM (SELECT DISTINCT id, year FROM unnest(p_ids, p_years) AS k(id, year)) k
    JOIN indicators i ON i.id = k.id AND i.ytd_rule <> 'ratio'
    CROSS JOIN LATERAL (
        SELECT sum(t.value) AS total, count(*) AS dates, sum(t.cells) AS cells, max(t.on_date) AS last_on,
               (array_agg(t.value ORDER BY t.on_date DESC))[1] AS last_value,
               (array_agg(t.cells ORDER BY t.on_date DESC))[1] AS last_cells
        FROM indicator_totals t
        WHERE t.indicator_id = k.id AND t.on_date >= make_date(k.year, 4, 1) AND t.on_date < make_date(k.year + 1, 4, 1)) s
    WHERE y.indicator_id = k.id AND y.year = k.year;
    UPDATE indicator_years y
    SET total = coalesce(s.total, 0), denominator = s.denominator, dates = s.dates, cells = s.dates,
        last_on = s.last_on, last_value = s.last_value, last_cells = 1
    FROM (SELECT DISTINCT id, year FROM unnest(p_ids, p_years) AS k(id, year)) k
    JOIN indicators i ON i.id = k.id AND i.ytd_rule = 'ratio'
    CROSS JOIN LATERAL (
        SELECT sum(n.value) AS total, sum(d.value) AS denominator, count(*) AS dates, max(n.on_date) AS last_on,
               (array_agg(n.value / d.value * 100 ORDER BY n.on_date DESC))[1] AS last_value
        FROM indicator_totals n
        JOIN indicator_totals d ON d.indicator_id = i.denominator_id AND d.on_date = n.on_date AND d.value <> 0
        WHERE n.indicator_id = i.numerator_id
          AND n.on_date >= make_date(k.year, 4, 1) AND n.on_date < make_date(k.year + 1, 4, 1)) s
    WHERE y.indicator_id = k.id AND y.year = k.year;
    DELETE FROM indicator_years y USING unnest(p_ids, p_years) AS k(id, year)
    WHERE y.indicator_id = k.id AND y.year = k.year AND y.dates = 0;
END $$;

-- Adds a change to the sums: cells (one per element of the arrays) with a
-- value to add and a count, 1 for a new cell and -1 for an old one. An
-- indicator being deleted is left out: its sums go with it.
CREATE FUNCTION indicator_sums_add(p_ids bigint[], p_dates date[], p_o1 bigint[], p_o2 bigint[], p_o3 bigint[], p_values numeric[], p_ns integer[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    removed boolean;
BEGIN
    IF p_ids IS NULL THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT FROM indicators WHERE id = ANY (p_ids)) THEN
        RETURN; -- only deleted indicators' figures
    END IF;
    -- Only a change that takes cells away can leave a sum with none.
    removed := -1 = ANY (p_ns);

    INSERT INTO indicator_totals AS t (indicator_id, on_date, value, cells)
    SELECT c.indicator_id, c.on_date, sum(c.value), sum(c.n)
    FROM unnest(p_ids, p_dates, p_o1, p_o2, p_o3, p_values, p_ns) AS c(indicator_id, on_date, o1, o2, o3, value, n)
    JOIN indicators i ON i.id = c.indicator_id
    GROUP BY 1, 2 HAVING sum(c.value) <> 0 OR sum(c.n) <> 0
    ORDER BY 1, 2
    ON CONFLICT (indicator_id, on_date) DO UPDATE
    SET value = t.value + excluded.value, cells = t.cells + excluded.cells;
    IF removed THEN
        DELETE FROM indicator_totals t
        USING unnest(p_ids, p_dates, p_o1, p_o2, p_o3, p_values, p_ns) AS c(indicator_id, on_date, o1, o2, o3, value, n)
        WHERE t.indicator_id = c.indicator_id AND t.on_date = c.on_date AND t.cells = 0;
    END IF;

    INSERT INTO indicator_option_totals AS t (indicator_id, on_date, option1_id, value, cells)
    SELECT c.indicator_id, c.on_date, c.o1, sum(c.value), sum(c.n)
    FROM unnest(p_ids, p_dates, p_o1, p_o2, p_o3, p_values, p_ns) AS c(indicator_id, on_date, o1, o2, o3, value, n)
    JOIN indicators i ON i.id = c.indicator_id
    WHERE c.o1 IS NOT NULL
    GROUP BY 1, 2, 3 HAVING sum(c.value) <> 0 OR sum(c.n) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT (indicator_id, on_date, option1_id) DO UPDATE
    SET value = t.value + excluded.value, cells = t.cells + excluded.cells;
    IF removed THEN
        DELETE FROM indicator_option_totals t
        USING unnest(p_ids, p_dates, p_o1, p_o2, p_o3, p_values, p_ns) AS c(indicator_id, on_date, o1, o2, o3, value, n)
        WHERE t.indicator_id = c.indicator_id AND t.on_date = c.on_date AND t.option1_id = c.o1 AND t.cells = 0;
    END IF;

    INSERT INTO indicator_cell_years AS t (indicator_id, year, option1_id, option2_id, option3_id, value, dates)
    SELECT c.indicator_id, financial_year(c.on_date), coalesce(c.o1, 0), coalesce(c.o2, 0), coalesce(c.o3, 0),
           sum(c.value), sum(c.n)
    FROM unnest(p_ids, p_dates, p_o1, p_o2, p_o3, p_values, p_ns) AS c(indicator_id, on_date, o1, o2, o3, value, n)
    JOIN indicators i ON i.id = c.indicator_id
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(c.value) <> 0 OR sum(c.n) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (indicator_id, year, option1_id, option2_id, option3_id) DO UPDATE
    SET value = t.value + excluded.value, dates = t.dates + excluded.dates;
    IF removed THEN
        DELETE FROM indicator_cell_years t
        USING unnest(p_ids, p_dates, p_o1, p_o2, p_o3, p_values, p_ns) AS c(indicator_id, on_date, o1, o2, o3, value, n)
        WHERE t.indicator_id = c.indicator_id AND t.year = financial_year(c.on_date) AND t.option1_id = coalesce(c.o1, 0)
          AND t.option2_id = coalesce(c.o2, 0) AND t.option3_id = coalesce(c.o3, 0) AND t.dates = 0;
    END IF;

    -- The years changed, of these indicators and of the ratios they are part of.
    PERFORM indicator_years_refresh(array_agg(k.indicator_id), array_agg(k.year))
    FROM (SELECT c.indicator_id, financial_year(c.on_date) AS year FROM unnest(p_ids, p_dates, p_o1, p_o2, p_o3, p_values, p_ns) AS c(indicator_id, on_date, o1, o2, o3, value, n)
          UNION
          SELECT r.id, financial_year(c.on_date) FROM unnest(p_ids, p_dates, p_o1, p_o2, p_o3, p_values, p_ns) AS c(indicator_id, on_date, o1, o2, o3, value, n)
          JOIN indicators r ON r.ytd_rule = 'ratio' AND c.indicator_id IN (r.numerator_id, r.denominator_id)) k;
END $$;

CREATE FUNCTION indicator_sums_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM indicator_sums_add(array_agg(indicator_id), array_agg(on_date), array_agg(option1_id), array_agg(option2_id),
                               array_agg(option3_id), array_agg(value), array_agg(1))
    FROM new_cells;
    RETURN NULL;
END $$;

CREATE FUNCTION indicator_sums_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM indicator_sums_add(array_agg(indicator_id), array_agg(on_date), array_agg(option1_id), array_agg(option2_id),
                               array_agg(option3_id), array_agg(value), array_agg(n))
    FROM (SELECT indicator_id, on_date, option1_id, option2_id, option3_id, value, 1 AS n FROM new_cells
          UNION ALL
          SELECT indicator_id, on_date, option1_id, option2_id, option3_id, -value, -1 FROM old_cells) c;
    RETURN NULL;
END $$;

CREATE FUNCTION indicator_sums_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM indicator_sums_add(array_agg(indicator_id), array_agg(on_date), array_agg(option1_id), array_agg(option2_id),
                               array_agg(option3_id), array_agg(-value), array_agg(-1))
    FROM old_cells;
    RETURN NULL;
END $$;

CREATE FUNCTION indicator_sums_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM indicator_years;
    DELETE FROM indicator_cell_years;
    DELETE FROM indicator_option_totals;
    DELETE FROM indicator_totals;
    RETURN NULL;
END $$;

CREATE TRIGGER indicator_sums_insert AFTER INSERT ON indicator_values
    REFERENCING NEW TABLE AS new_cells FOR EACH STATEMENT EXECUTE FUNCTION indicator_sums_after_insert();
CREATE TRIGGER indicator_sums_update AFTER UPDATE ON indicator_values
    REFERENCING OLD TABLE AS old_cells NEW TABLE AS new_cells FOR EACH STATEMENT EXECUTE FUNCTION indicator_sums_after_update();
CREATE TRIGGER indicator_sums_delete AFTER DELETE ON indicator_values
    REFERENCING OLD TABLE AS old_cells FOR EACH STATEMENT EXECUTE FUNCTION indicator_sums_after_delete();
CREATE TRIGGER indicator_sums_truncate AFTER TRUNCATE ON indicator_values
    FOR EACH STATEMENT EXECUTE FUNCTION indicator_sums_after_truncate();

-- An indicator that becomes a ratio, changes its parts or stops being a ratio
-- has its years worked out again.
CREATE FUNCTION indicator_years_after_rule() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM indicator_years WHERE indicator_id = NEW.id;
    PERFORM indicator_years_refresh(array_agg(NEW.id), array_agg(k.year))
    FROM (SELECT DISTINCT financial_year(on_date) AS year FROM indicator_totals
          WHERE indicator_id = CASE WHEN NEW.ytd_rule = 'ratio' THEN NEW.numerator_id ELSE NEW.id END) k;
    RETURN NULL;
END $$;

CREATE TRIGGER indicator_years_rule AFTER INSERT OR UPDATE OF ytd_rule, numerator_id, denominator_id ON indicators
    FOR EACH ROW EXECUTE FUNCTION indicator_years_after_rule();
