-- Least privilege (issue 14, item 4). Migrations run as the schema owner (the
-- role that runs them owns every table); the server connects as the role
-- safeboard_app, or as a login role that is a member of it. That role may only
-- read and write rows, and use sequences: it owns nothing, so it cannot alter a
-- table, disable a trigger, truncate or grant, and, not being a superuser, it
-- cannot set session_replication_role to get round a trigger.
--
-- The role must exist before this migration runs; creating it is a
-- superuser's step (the README's "Deploying"). `safeboard migrate` checks for
-- it first and says so when it is missing.

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO safeboard_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO safeboard_app;

-- Tables and sequences that later migrations create, as this same owner, get
-- the same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO safeboard_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO safeboard_app;

-- Published versions are added and read, never changed or removed: what comes
-- later (the emails that tell members, in outbox; the audit events) lives in
-- tables of its own. The trigger of migration 0006 still refuses the owner.
REVOKE UPDATE, DELETE ON published_reports FROM safeboard_app;
-- The audit log is only ever added to.
REVOKE UPDATE, DELETE ON audit_events FROM safeboard_app;
-- Written once by migration 0017; the server only reads it.
REVOKE INSERT, UPDATE, DELETE ON mail_secret FROM safeboard_app;
-- golang-migrate's bookkeeping: the server only reads which version the schema is at.
REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM safeboard_app;
