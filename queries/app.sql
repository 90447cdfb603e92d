-- Written by `npm run queries` from the repositories; do not edit.

-- app.migration-lock
SELECT pg_advisory_lock($1::bigint);

-- app.migration-unlock
SELECT pg_advisory_unlock($1::bigint);
