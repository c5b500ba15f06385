-- The chair's challenge log (issue 16): the independent chair, or the board
-- manager, asks a partner agency a question about its work, the agency's leads
-- answer it (revising the answer until the challenge is closed, every version
-- kept), and the chair closes it with an outcome and what changed as a result.

-- What a challenge can be about. A new kind of target (a Section 11
-- statement, a practice review action) is a row here and the code that
-- finds it, not a change of the challenges table.
CREATE TABLE challenge_target_kinds (
    kind text PRIMARY KEY CHECK (kind ~ '^[a-z][a-z0-9_]*$')
);
INSERT INTO challenge_target_kinds (kind) VALUES ('agency'), ('return'), ('review_item'), ('indicator');

CREATE TABLE challenges (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id    bigint  NOT NULL REFERENCES periods (id),
    -- The agency that owes the answer.
    agency_id    bigint  NOT NULL REFERENCES agencies (id),
    -- What the challenge is about: a kind and the id of the row of that kind,
    -- with the words that named it when it was raised, so the log still reads
    -- when the item is renamed or removed.
    target_kind  text    NOT NULL REFERENCES challenge_target_kinds (kind),
    target_id    bigint  NOT NULL,
    target_label text    NOT NULL CHECK (length(target_label) BETWEEN 1 AND 400),
    question     text    NOT NULL CHECK (length(question) BETWEEN 1 AND 5000),
    respond_by   date    NOT NULL,
    raised_by    bigint  NOT NULL REFERENCES users (id),
    raised_at    timestamptz NOT NULL DEFAULT now(),
    status       text    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
    -- When the agency first answered; its answers are in challenge_answers.
    answered_at  timestamptz,
    outcome      text    CHECK (outcome IN ('assured', 'partly_assured', 'escalated')),
    what_changed text    NOT NULL DEFAULT '' CHECK (length(what_changed) <= 5000),
    closed_by    bigint  REFERENCES users (id),
    closed_at    timestamptz,
    -- Bumped by every change, so an answer or a close made from a stale page is refused.
    version      integer NOT NULL DEFAULT 1,
    CONSTRAINT challenges_closed_with_an_outcome CHECK ((status = 'closed') = (outcome IS NOT NULL AND closed_at IS NOT NULL AND closed_by IS NOT NULL)),
    CONSTRAINT challenges_answered_when_first_answered CHECK (status <> 'answered' OR answered_at IS NOT NULL),
    CONSTRAINT challenges_open_until_answered CHECK (status <> 'open' OR answered_at IS NULL)
);
CREATE INDEX challenges_period_idx ON challenges (period_id, status);
CREATE INDEX challenges_agency_idx ON challenges (agency_id, status);
CREATE INDEX challenges_target_idx ON challenges (target_kind, target_id);

-- Every version of an agency's answer, oldest first: the latest is the answer.
CREATE TABLE challenge_answers (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    challenge_id bigint NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,
    body         text   NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
    answered_by  bigint NOT NULL REFERENCES users (id),
    answered_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX challenge_answers_challenge_idx ON challenge_answers (challenge_id, id);

-- An answer once given is history: a revision is a new row.
CREATE FUNCTION challenge_answers_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an answer to a challenge is never changed: a revision is a new answer' USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER challenge_answers_kept BEFORE UPDATE ON challenge_answers
    FOR EACH ROW EXECUTE FUNCTION challenge_answers_kept();

-- The report's optional section "Challenge and scrutiny": the closed
-- challenges in words, with counts by outcome.
ALTER TABLE report_sections DROP CONSTRAINT report_sections_kind_check;
ALTER TABLE report_sections ADD CONSTRAINT report_sections_kind_check
    CHECK (kind IN ('overview', 'plan', 'partner_reviews', 'performance', 'aims', 'work_by_aim', 'objectives', 'challenge', 'membership', 'free'));

-- Outlines made before this migration get the section too, hidden, after the single agency objectives.
UPDATE report_sections s SET position = s.position + 1
  FROM report_sections o
 WHERE o.period_id = s.period_id AND o.kind = 'objectives' AND s.position > o.position;
INSERT INTO report_sections (period_id, position, kind, title, hidden)
SELECT o.period_id, o.position + 1, 'challenge', 'Challenge and scrutiny', true
  FROM report_sections o
 WHERE o.kind = 'objectives';

-- Pages show challenges and their answers: writing them moves the data version.
SELECT watch_data_version('challenge_target_kinds');
SELECT watch_data_version('challenges');
SELECT watch_data_version('challenge_answers');
