-- The PostgreSQL state store for sinkron: one role, one database it owns. Run as the postgres
-- superuser (psql -f deploy/postgresql-setup.sql), then put the password in the DSN secret the
-- config reads (${env:SINKRON_STORE_DSN}). sinkron creates and migrates its tables itself.
CREATE ROLE sinkron LOGIN PASSWORD 'change-me';
CREATE DATABASE sinkron OWNER sinkron ENCODING 'UTF8';
REVOKE ALL ON DATABASE sinkron FROM PUBLIC;
