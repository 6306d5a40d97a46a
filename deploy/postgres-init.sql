-- onegate: database, per-service login roles and schemas.
--
-- Run with psql as a superuser, connected to any database of the cluster
-- (deploy/infra.sh and deploy/docker/postgres-init.sh both do this):
--
--   psql -v ON_ERROR_STOP=1 -d postgres -f deploy/postgres-init.sql \
--        -v pw_intake='...' -v pw_processing='...' ...
--
-- Every `pw_<role>` variable is optional; when unset the development
-- default `onegate-<role>` is used. Idempotent: safe to run on every start.
-- Each role owns exactly one schema and may use nothing else: PUBLIC loses
-- its rights on the database and on schema public, and each role is granted
-- CONNECT only. Role `scratch` is for library tests.

\set ON_ERROR_STOP on
SET client_min_messages = warning;

\if :{?pw_identity}    \else \set pw_identity    onegate-identity    \endif
\if :{?pw_catalog}     \else \set pw_catalog     onegate-catalog     \endif
\if :{?pw_intake}      \else \set pw_intake      onegate-intake      \endif
\if :{?pw_processing}  \else \set pw_processing  onegate-processing  \endif
\if :{?pw_documents}   \else \set pw_documents   onegate-documents   \endif
\if :{?pw_reporting}   \else \set pw_reporting   onegate-reporting   \endif
\if :{?pw_integration} \else \set pw_integration onegate-integration \endif
\if :{?pw_scratch}     \else \set pw_scratch     onegate-scratch     \endif

-- The database (CREATE DATABASE cannot run inside DO or a transaction).
SELECT 'CREATE DATABASE onegate ENCODING ''UTF8'' TEMPLATE template0'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'onegate') \gexec

-- Roles are cluster-wide; passwords are (re)set on every run so that an
-- environment override takes effect on the next start.
CREATE TEMP TABLE onegate_roles (name text PRIMARY KEY, pw text NOT NULL);
INSERT INTO onegate_roles VALUES
    ('identity',    :'pw_identity'),
    ('catalog',     :'pw_catalog'),
    ('intake',      :'pw_intake'),
    ('processing',  :'pw_processing'),
    ('documents',   :'pw_documents'),
    ('reporting',   :'pw_reporting'),
    ('integration', :'pw_integration'),
    ('scratch',     :'pw_scratch');

SELECT format('CREATE ROLE %I LOGIN', name) FROM onegate_roles r
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.name) \gexec

SELECT format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD %L', name, pw)
FROM onegate_roles \gexec

SELECT format('ALTER ROLE %I SET search_path = %I', name, name) FROM onegate_roles \gexec

-- Roles reach database onegate only (the superuser keeps everything).
REVOKE CONNECT, TEMPORARY ON DATABASE postgres FROM PUBLIC;

-- Inside the database: schemas and rights. The role list goes along through
-- a psql variable because temp tables are per database.
SELECT string_agg(name, ',' ORDER BY name) AS onegate_role_list FROM onegate_roles \gset

\connect onegate
SET client_min_messages = warning;

REVOKE ALL ON DATABASE onegate FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;

SELECT format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', r, r)
FROM unnest(string_to_array(:'onegate_role_list', ',')) AS r \gexec

-- A schema created earlier by someone else still ends up owned by its role.
SELECT format('ALTER SCHEMA %I OWNER TO %I', r, r)
FROM unnest(string_to_array(:'onegate_role_list', ',')) AS r \gexec

SELECT format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', r)
FROM unnest(string_to_array(:'onegate_role_list', ',')) AS r \gexec

SELECT format('GRANT CONNECT ON DATABASE onegate TO %I', r)
FROM unnest(string_to_array(:'onegate_role_list', ',')) AS r \gexec
