-- An indicator's year-to-date figure by its rule, from its sums for the year
-- (indicator_years): the sum; the mean of every figure (a sum over its count
-- of cells); the latest figure; or a ratio's numerator sum over its
-- denominator sum, as a percentage, never a mean of percentages. NULL when it
-- cannot be formed. Every query that needs a year to date calls this, and
-- domain.YTDRule.YearToDate is the same rule in Go (a test keeps them equal).
CREATE FUNCTION year_to_date(rule text, total numeric, cells integer, last_value numeric, denominator numeric)
RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE rule
        WHEN 'sum'    THEN total
        WHEN 'mean'   THEN total / nullif(cells, 0)
        WHEN 'latest' THEN last_value
        WHEN 'ratio'  THEN total / nullif(denominator, 0) * 100
    END
$$;
