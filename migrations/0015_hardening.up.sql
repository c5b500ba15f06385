-- Hardening (issue 14).

-- Sign-in: each failed attempt keeps the client's address, so the hard lock
-- counts per email and address, and the limit per address is shared by every
-- app server (it used to live in each server's memory).
ALTER TABLE failed_sign_ins ADD COLUMN address text NOT NULL DEFAULT '';
CREATE INDEX failed_sign_ins_address_idx ON failed_sign_ins (address, attempted_at);

-- The draft report's PDF, kept per period for the data version it was made
-- at, so every app server serves it until the data changes. Writing it must
-- not move the data version: it is named in unwatched
-- (internal/store/data_version_test.go).
CREATE TABLE report_pdf_cache (
    period_id    bigint  PRIMARY KEY REFERENCES periods (id) ON DELETE CASCADE,
    data_version bigint  NOT NULL,
    pdf          bytea   NOT NULL,
    pages        integer NOT NULL,
    made_at      timestamptz NOT NULL DEFAULT now()
);
