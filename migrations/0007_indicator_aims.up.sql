-- Which of a period's strategic aims an indicator measures progress on, so the
-- dashboard can be filtered by aim.
CREATE TABLE indicator_aims (
    indicator_id bigint NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    aim_id       bigint NOT NULL REFERENCES report_aims (id) ON DELETE CASCADE,
    PRIMARY KEY (indicator_id, aim_id)
);
CREATE INDEX indicator_aims_aim_idx ON indicator_aims (aim_id);
