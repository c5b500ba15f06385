-- Section 4 as the board publishes it (issue 13): per period, an ordered list
-- of sub-headings, free-text blocks and report tables that the manager
-- composes; and the indicators hidden from the report while they still feed
-- the figures (a ratio's parts, say).

CREATE TABLE report_perf_blocks (
    id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id     bigint  NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    position      integer NOT NULL,
    kind          text    NOT NULL CHECK (kind IN ('heading', 'text', 'table')),
    -- A sub-heading's words, or a table's caption.
    title         text    NOT NULL DEFAULT '' CHECK (length(title) <= 300),
    -- A free-text block's Markdown.
    body          text    NOT NULL DEFAULT '' CHECK (length(body) <= 50000),
    -- A table's layout: one indicator by its breakdowns, or several by month.
    layout        text    NOT NULL DEFAULT '' CHECK (layout IN ('', 'indicator', 'indicators')),
    -- What a one-indicator table shows: the year, the year before, years by month, comparators.
    shows         text    NOT NULL DEFAULT '' CHECK (shows IN ('', 'year', 'previous', 'years', 'comparators')),
    -- A table's indicators in row order. Not a foreign key: an indicator
    -- removed later is simply no longer shown.
    indicator_ids bigint[] NOT NULL DEFAULT '{}' CHECK (cardinality(indicator_ids) <= 50),
    version       integer NOT NULL DEFAULT 1,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    updated_by    bigint REFERENCES users (id),
    CONSTRAINT report_perf_blocks_position_key UNIQUE (period_id, position) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE report_perf_hidden (
    period_id    bigint NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    indicator_id bigint NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    hidden_at    timestamptz NOT NULL DEFAULT now(),
    hidden_by    bigint REFERENCES users (id),
    PRIMARY KEY (period_id, indicator_id)
);

SELECT watch_data_version('report_perf_blocks');
SELECT watch_data_version('report_perf_hidden');
