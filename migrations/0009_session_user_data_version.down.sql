DO $$
DECLARE
    t regclass;
BEGIN
    FOR t IN SELECT tgrelid::regclass FROM pg_trigger WHERE tgname = 'data_version_changed' LOOP
        EXECUTE format('DROP TRIGGER data_version_changed ON %s', t);
    END LOOP;
END
$$;
DROP FUNCTION watch_data_version(regclass);
DROP TABLE data_version_pending;
DROP FUNCTION bump_data_version();
DROP FUNCTION note_data_change();
DROP TABLE data_version;

-- Back to the table alexedwards/scs/pgxstore expects; everyone signs in again.
DROP TABLE sessions;
CREATE TABLE sessions (
    token  text PRIMARY KEY,
    data   bytea NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);
