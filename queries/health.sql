-- Written by `npm run queries` from the repositories; do not edit.

-- health.applied-migrations
SELECT (SELECT count(*) FROM schema_migrations) AS migrations;
