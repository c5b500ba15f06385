-- Safeboard's two database roles, and a database owned by the first (issue 14,
-- item 4). Safe to run again: roles and a database that exist are kept, with
-- their passwords. Run it as a superuser (or a role with CREATEROLE and
-- CREATEDB), naming the database and the new roles' passwords:
--
--   psql -v db=safeboard -v owner_password='…' -v app_password='…' \
--        -f scripts/db-roles.sql 'postgres://postgres@localhost:5432/postgres'
--
-- safeboard_owner owns the database and its schema and runs the migrations
-- (SAFEBOARD_MIGRATE_DATABASE_URL). safeboard_app is the server's login
-- (DATABASE_URL): the migrations let it read and write rows and nothing more.
-- scripts/pg-env.sh runs this for `make run`; docker-compose.yml's setup
-- service for `docker compose up`.
\set ON_ERROR_STOP on
\set QUIET on

SELECT format('CREATE ROLE safeboard_owner LOGIN PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE', :'owner_password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'safeboard_owner') \gexec
SELECT format('CREATE ROLE safeboard_app LOGIN PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE', :'app_password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'safeboard_app') \gexec

SELECT format('CREATE DATABASE %I OWNER safeboard_owner', :'db')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec

-- A database made before the two roles (as `make run` did, by the superuser)
-- is handed to the owner, with everything in its public schema, so that the
-- owner can run the migrations still to come.
SELECT format('ALTER DATABASE %I OWNER TO safeboard_owner', :'db')
  FROM pg_database WHERE datname = :'db' AND datdba <> 'safeboard_owner'::regrole \gexec
\connect :"db"
DO $$
DECLARE
    q text;
BEGIN
    FOR q IN
        -- Tables, views and sequences (but those a column owns, which follow their table).
        SELECT format('ALTER %s %s OWNER TO safeboard_owner',
                      CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
                      c.oid::regclass)
          FROM pg_class c
         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
           AND c.relowner <> 'safeboard_owner'::regrole
           AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                              AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))
        UNION ALL
        SELECT format('ALTER ROUTINE %s OWNER TO safeboard_owner', p.oid::regprocedure)
          FROM pg_proc p
         WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> 'safeboard_owner'::regrole
        UNION ALL
        -- Enums, domains and composite types of their own (not tables' row types).
        SELECT format('ALTER TYPE %s OWNER TO safeboard_owner', t.oid::regtype)
          FROM pg_type t
         WHERE t.typnamespace = 'public'::regnamespace AND t.typowner <> 'safeboard_owner'::regrole
           AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
    LOOP
        EXECUTE q;
    END LOOP;
END
$$;
