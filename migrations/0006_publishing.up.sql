-- The annual report's work by aim, readiness check and published versions (issue 6).

-- Work by aim: a lead tags each review item and objective with one of the
-- period's strategic aims (section 5). Removing an aim untags its entries.
ALTER TABLE review_items ADD COLUMN aim_id bigint REFERENCES report_aims (id) ON DELETE SET NULL;
ALTER TABLE objectives ADD COLUMN aim_id bigint REFERENCES report_aims (id) ON DELETE SET NULL;
CREATE INDEX review_items_aim_idx ON review_items (aim_id) WHERE aim_id IS NOT NULL;
CREATE INDEX objectives_aim_idx ON objectives (aim_id) WHERE aim_id IS NOT NULL;

-- The optional section listing, aim by aim, what every agency did and plans.
ALTER TABLE report_sections DROP CONSTRAINT report_sections_kind_check;
ALTER TABLE report_sections ADD CONSTRAINT report_sections_kind_check
    CHECK (kind IN ('overview', 'plan', 'partner_reviews', 'performance', 'aims', 'work_by_aim', 'objectives', 'membership', 'free'));

-- Outlines made before this migration get the section too, hidden, after the strategic aims.
UPDATE report_sections s SET position = s.position + 1
  FROM report_sections a
 WHERE a.period_id = s.period_id AND a.kind = 'aims' AND s.position > a.position;
INSERT INTO report_sections (period_id, position, kind, title, hidden)
SELECT a.period_id, a.position + 1, 'work_by_aim', 'Work by strategic aim', true
  FROM report_sections a
 WHERE a.kind = 'aims';

-- The statutory checklist: what a board's annual report is expected to
-- cover, each item covered once the manager links it to a section.
CREATE TABLE report_checklist (
    period_id  bigint NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    item       text   NOT NULL CHECK (item IN ('effectiveness', 'reviews', 'training', 'contributions', 'voice', 'challenge')),
    section_id bigint NOT NULL REFERENCES report_sections (id) ON DELETE CASCADE,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint REFERENCES users (id),
    PRIMARY KEY (period_id, item)
);
CREATE INDEX report_checklist_section_idx ON report_checklist (section_id);

-- An indicator whose missing figures for the period will not come: the
-- manager says the figures are complete as they are, so the readiness check
-- stops listing its missing months.
CREATE TABLE figures_complete (
    indicator_id bigint NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    period_id    bigint NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    marked_at    timestamptz NOT NULL DEFAULT now(),
    marked_by    bigint REFERENCES users (id),
    PRIMARY KEY (indicator_id, period_id)
);

-- Published versions of a period's report: append-only. The HTML is
-- self-contained (its CSS inlined) and served exactly as stored, as is the PDF.
CREATE TABLE published_reports (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id      bigint  NOT NULL REFERENCES periods (id),
    version        integer NOT NULL CHECK (version >= 1),
    html           bytea   NOT NULL,
    pdf            bytea   NOT NULL,
    html_sha256    text    NOT NULL CHECK (html_sha256 ~ '^[0-9a-f]{64}$'),
    pdf_sha256     text    NOT NULL CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
    pdf_pages      integer NOT NULL DEFAULT 0,
    published_by   bigint REFERENCES users (id),
    publisher      text    NOT NULL,
    published_at   timestamptz NOT NULL DEFAULT now(),
    took_ms        integer NOT NULL CHECK (took_ms >= 0),
    -- What the next version is compared with: a hash per section, the
    -- agencies whose returns were included, a hash of each indicator's figures.
    section_hashes jsonb   NOT NULL,
    accepted       jsonb   NOT NULL,
    figure_hashes  jsonb   NOT NULL,
    changes        jsonb   NOT NULL, -- what changed since the previous version, in words
    CONSTRAINT published_reports_version_key UNIQUE (period_id, version)
);

CREATE FUNCTION published_reports_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a published report is never changed or removed' USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER published_reports_frozen BEFORE UPDATE OR DELETE ON published_reports
    FOR EACH ROW EXECUTE FUNCTION published_reports_frozen();
