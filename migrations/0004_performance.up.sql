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
