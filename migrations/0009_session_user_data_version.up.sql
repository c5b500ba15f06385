-- Every signed-in page reads its session, its user and the data version in one
-- query before its own (internal/store/sessions.go), and caches what it may per
-- data version.

-- Sessions keep their user and sign-in time in columns of their own, so a page
-- joins the user to the session. scs's encoded rows cannot be read any more:
-- whoever was signed in signs in again once.
DROP TABLE sessions;
CREATE TABLE sessions (
    -- SHA-256 of the cookie's token: the table alone cannot be used to sign in.
    token_hash     bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id        bigint REFERENCES users (id) ON DELETE CASCADE,
    -- When the session signed in (database time). One that signed in before its
    -- user's sessions_valid_from has ended.
    signed_in_at   timestamptz,
    -- The success banner for the next page, and the page to go back to after signing in.
    flash          text    NOT NULL DEFAULT '',
    flash_no_focus boolean NOT NULL DEFAULT false,
    return_to      text    NOT NULL DEFAULT '',
    -- The session ends at its deadline (12 hours after it began) or at its
    -- expiry (30 minutes after it was last written), whichever comes first.
    deadline       timestamptz NOT NULL,
    expiry         timestamptz NOT NULL,
    CONSTRAINT sessions_signed_in_with_user CHECK ((user_id IS NULL) = (signed_in_at IS NULL)),
    CONSTRAINT sessions_expiry_by_deadline CHECK (expiry <= deadline)
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- The data version: a counter that moves on when a transaction that changed
-- what pages show commits. A server that cached a page built after reading
-- version N serves it while the version is still N; any change committed since
-- has moved it on, on every server. (The pages' queries run after the version
-- is read, so what they built is at least as new as N.)
CREATE TABLE data_version (
    id      integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    version bigint  NOT NULL DEFAULT 1
);
INSERT INTO data_version DEFAULT VALUES;

-- A transaction that changed a watched table leaves a row here; the row's
-- deferred trigger moves the version on as the transaction commits. Taking the
-- counter's row lock only at commit, rather than at the first change, keeps
-- writers from queueing behind each other for their whole transactions and
-- from deadlocking over it. A rolled-back transaction leaves nothing.
CREATE TABLE data_version_pending (
    txid xid8 PRIMARY KEY
);

CREATE FUNCTION note_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO data_version_pending (txid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_version SET version = version + 1;
    DELETE FROM data_version_pending WHERE txid = NEW.txid;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER data_version_bump AFTER INSERT ON data_version_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version();

-- watch_data_version makes every statement that writes to the table move the
-- version on at commit. A migration that adds a table a page reads calls it:
--   SELECT watch_data_version('new_table');
-- (TestEveryTableMovesTheDataVersionOrIsNamedAsUnwatched holds every table to it.)
CREATE FUNCTION watch_data_version(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER data_version_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s
        FOR EACH STATEMENT EXECUTE FUNCTION note_data_change()', t);
END
$$;

-- Every table but the ones no page shows: sessions, sign-in attempts, the audit
-- log, the migrations' own table and the counter's. The users table is watched
-- below for what pages show of a user, not for sign-ins and passwords.
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN
        SELECT tablename FROM pg_tables
        WHERE schemaname = current_schema()
          AND tablename NOT IN ('sessions', 'failed_sign_ins', 'audit_events', 'schema_migrations',
                                'data_version', 'data_version_pending', 'users')
        ORDER BY tablename
    LOOP
        PERFORM watch_data_version(t::regclass);
    END LOOP;
END
$$;

CREATE TRIGGER data_version_changed
    AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF email, name, role, agency_id, disabled ON users
    FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
