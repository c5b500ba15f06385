-- Figures that tell the truth (issue 12).

-- How many decimal places an indicator's figures are shown to (0-2); NULL:
-- the unit's default (none for counts, one otherwise: domain.DefaultDecimals).
-- Values stay exact; they are rounded once, when shown.
ALTER TABLE indicators
    ADD COLUMN decimals smallint CHECK (decimals BETWEEN 0 AND 2);

-- A breakdown is exclusive (each child is in one age band: its options add up
-- to a total) or overlapping (a conference records several causes for
-- concern: its options never get a total row or column).
ALTER TABLE dimensions
    ADD COLUMN overlapping boolean NOT NULL DEFAULT false;
