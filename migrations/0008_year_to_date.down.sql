DROP FUNCTION IF EXISTS year_to_date(text, numeric, integer, numeric, numeric);
