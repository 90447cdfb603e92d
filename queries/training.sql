-- Written by `npm run queries` from the repositories; do not edit.

-- training.any-live-run
SELECT EXISTS (SELECT 1 FROM training_runs WHERE status IN ('queued', 'claimed', 'running')) AS live;

-- training.artifacts
SELECT attempt, name, kind, uri, bytes::float8 AS bytes, sha256, created_at FROM training_artifacts WHERE run_id = $1 ORDER BY name;

-- training.attempts
SELECT * FROM training_attempts WHERE run_id = $1 ORDER BY attempt;

-- training.cancel-attempt
UPDATE training_attempts SET outcome = 'cancelled', ended_at = now(), error = 'cancelled by ' || $3::text, last_heartbeat = $4
 WHERE run_id = $1 AND attempt = $2 AND outcome IS NULL;

-- training.cancel-run
UPDATE training_runs SET status = 'cancelled', finished_at = now(), heartbeat_deadline = NULL, error = 'cancelled by ' || $2::text WHERE id = $1;

-- training.insert-run
INSERT INTO training_runs (kind, project_id, snapshot_id, parent_run_id, config, gpus, max_attempts, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *;

-- training.latest-bertscore
SELECT r.id, r.finished_at, r.summary, a.uri, a.sha256
  FROM training_runs r LEFT JOIN training_artifacts a ON a.run_id = r.id AND a.name = 'metrics.json'
 WHERE r.project_id = $1 AND r.kind = 'bertscore' AND r.status = 'succeeded'
 ORDER BY r.finished_at DESC LIMIT 1;

-- training.lock-run
SELECT * FROM training_runs WHERE id = $1 FOR UPDATE;

-- training.log-tail
SELECT * FROM (SELECT seq, attempt, stream, line, at FROM training_logs WHERE run_id = $1 ORDER BY seq DESC LIMIT $2) tail ORDER BY seq;

-- training.metric-series
WITH latest AS (SELECT max(attempt) AS attempt FROM training_metrics WHERE run_id = $1)
SELECT name, attempt, array_agg(step ORDER BY step, id) AS steps, array_agg(value ORDER BY step, id) AS values
  FROM training_metrics
 WHERE run_id = $1 AND (attempt = (SELECT attempt FROM latest) OR $3) AND ($2::text[] IS NULL OR name = ANY($2))
 GROUP BY name, attempt ORDER BY name, attempt;

-- training.nodes
SELECT n.*, coalesce(array_agg(r.id ORDER BY r.claimed_at) FILTER (WHERE r.id IS NOT NULL), '{}') AS current_run_ids
  FROM training_nodes n LEFT JOIN training_runs r ON r.node_id = n.id AND r.status IN ('claimed', 'running')
 GROUP BY n.id ORDER BY n.name;

-- training.run-by-id
SELECT * FROM training_runs WHERE id = $1;

-- training.runs
SELECT * FROM training_runs
 WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2) AND ($5::uuid IS NULL OR project_id = $5)
 ORDER BY created_at DESC LIMIT $3 OFFSET $4;
