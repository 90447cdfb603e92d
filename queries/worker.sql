-- Written by `npm run queries` from the repositories; do not edit.

-- worker.append-logs
WITH owner AS (SELECT 1 FROM training_runs WHERE id = $1 AND attempts = $2 AND node_id = $5),
  stored AS (
    INSERT INTO training_logs (run_id, attempt, stream, line)
    SELECT $1, $2, stream, line FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS t(stream, line, n) WHERE EXISTS (SELECT 1 FROM owner) ORDER BY n
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM owner) AS owned;

-- worker.append-metrics
WITH owner AS (SELECT 1 FROM training_runs WHERE id = $1 AND attempts = $2 AND node_id = $6),
  stored AS (
    INSERT INTO training_metrics (run_id, attempt, step, name, value)
    SELECT $1, $2, step, name, value FROM unnest($3::int[], $4::text[], $5::float8[]) AS t(step, name, value) WHERE EXISTS (SELECT 1 FROM owner)
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM owner) AS owned;

-- worker.audit-refused-upload
INSERT INTO audit_log (actor, action, entity_type, entity_id, project_id, before, after, details)
  SELECT $4, 'training.upload_refused', 'training_run', r.id::text, r.project_id, NULL, NULL,
         jsonb_build_object('attempt', $2::int, 'nodeId', $3::text, 'reason', $5::text, 'runStatus', r.status, 'runAttempt', r.attempts, 'runNode', r.node_name)
    FROM training_runs r WHERE r.id = $1
  RETURNING details;

-- worker.beat-node
UPDATE training_nodes SET last_heartbeat = now(), status = CASE WHEN status = 'offline' THEN 'online' ELSE status END WHERE id = $1;

-- worker.beat-runs
UPDATE training_runs SET heartbeat_at = now(), heartbeat_deadline = now() + make_interval(secs => lease_seconds)
  WHERE node_id = $1 AND status IN ('claimed', 'running') AND (id, attempts) IN (SELECT * FROM unnest($2::uuid[], $3::int[]))
  RETURNING id;

-- worker.claim-run
WITH claimed AS (
    UPDATE training_runs SET status = 'claimed', attempts = attempts + 1, node_id = $2, node_name = $3, assigned_gpus = $4,
           claimed_at = now(), heartbeat_at = now(), heartbeat_seconds = $5::int, lease_seconds = $6::int,
           heartbeat_deadline = now() + make_interval(secs => $6::int), started_at = NULL, error = NULL
     WHERE id = $1 AND status = 'queued'
     RETURNING *),
  history AS (
    INSERT INTO training_attempts (run_id, attempt, node_id, node_name, assigned_gpus, heartbeat_seconds, lease_seconds, last_heartbeat)
    SELECT id, attempts, node_id, node_name, assigned_gpus, heartbeat_seconds, lease_seconds, now() FROM claimed
    ON CONFLICT (run_id, attempt) DO NOTHING)
  SELECT * FROM claimed;

-- worker.finish-run
WITH finished AS (
    UPDATE training_runs SET status = $4, exit_code = $5, error = $6, summary = $7, finished_at = now(), heartbeat_at = now(), heartbeat_deadline = NULL
     WHERE id = $1 AND attempts = $2 AND node_id = $3 AND status IN ('claimed', 'running') RETURNING id),
  history AS (
    UPDATE training_attempts SET outcome = $4, error = $6, ended_at = now(), last_heartbeat = now()
     WHERE run_id = (SELECT id FROM finished) AND attempt = $2),
  promoted AS (
    INSERT INTO training_artifacts (run_id, attempt, name, kind, uri, bytes, sha256)
    SELECT f.id, $2, a.name, a.kind, a.uri, a.bytes, a.sha256
      FROM finished f, unnest($8::text[], $9::text[], $10::text[], $11::bigint[], $12::text[]) AS a(name, kind, uri, bytes, sha256)
    ON CONFLICT (run_id, name) DO UPDATE SET attempt = EXCLUDED.attempt, kind = EXCLUDED.kind, uri = EXCLUDED.uri, bytes = EXCLUDED.bytes,
           sha256 = EXCLUDED.sha256, created_at = now())
  SELECT id FROM finished;

-- worker.lost-deliveries
SELECT * FROM training_runs WHERE status = 'queued' AND queue_name IS NOT NULL AND queue_job_id IS NULL ORDER BY queued_at;

-- worker.mark-running
WITH running AS (
    UPDATE training_runs SET status = 'running', started_at = now(), heartbeat_at = now(), heartbeat_deadline = now() + make_interval(secs => lease_seconds)
     WHERE id = $1 AND attempts = $2 AND node_id = $3 AND status = 'claimed' RETURNING id),
  history AS (UPDATE training_attempts SET started_at = now() WHERE run_id = (SELECT id FROM running) AND attempt = $2)
  SELECT id FROM running;

-- worker.mark-silent-nodes-offline
UPDATE training_nodes SET status = 'offline' WHERE status <> 'offline' AND last_heartbeat < now() - make_interval(secs => coalesce(lease_seconds, $1));

-- worker.open-items-for-scoring
SELECT i.id, i.prompt, i.messages,
       (SELECT json_agg(json_build_object('id', r.id, 'text', r.text) ORDER BY r.position) FROM responses r WHERE r.item_id = i.id) AS responses
  FROM items i JOIN projects p ON p.id = i.project_id
 WHERE i.project_id = $1 AND NOT i.is_gold AND i.label_count < coalesce(i.target_overlap, p.overlap)
   AND (SELECT count(*) FROM responses r WHERE r.item_id = i.id) BETWEEN 2 AND p.max_responses
 ORDER BY i.id;

-- worker.owns-live-run
SELECT 1 FROM training_runs WHERE id = $1 AND attempts = $2 AND node_id = $3 AND status IN ('claimed', 'running');

-- worker.reap-stale-runs
WITH stale AS (
    UPDATE training_runs
       SET status = CASE WHEN attempts - released_attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
           error = 'node ' || coalesce(node_name, '?') || ' stopped heartbeating (last heartbeat ' ||
                   coalesce(to_char(heartbeat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'never') || ', attempt ' || attempts || ' of ' || max_attempts || ')',
           finished_at = CASE WHEN attempts - released_attempts >= max_attempts THEN now() ELSE NULL END,
           node_name = CASE WHEN attempts - released_attempts >= max_attempts THEN node_name ELSE NULL END,
           queued_at = now(), node_id = NULL, assigned_gpus = NULL, heartbeat_deadline = NULL
     WHERE status IN ('claimed', 'running') AND coalesce(heartbeat_deadline, heartbeat_at + make_interval(secs => $1)) < now()
     RETURNING *),
  history AS (
    UPDATE training_attempts a SET outcome = 'lost', error = s.error, ended_at = now(), last_heartbeat = s.heartbeat_at
      FROM stale s WHERE a.run_id = s.id AND a.attempt = s.attempts AND a.outcome IS NULL
    RETURNING a.run_id, a.node_name),
  audited AS (
    INSERT INTO audit_log (actor, action, entity_type, entity_id, project_id, before, after, details)
    SELECT $2, CASE WHEN s.status = 'queued' THEN 'training.requeue' ELSE 'training.lost_fail' END, 'training_run', s.id::text, s.project_id,
           jsonb_build_object('status', 'running', 'attempt', s.attempts, 'node', h.node_name), jsonb_build_object('status', s.status),
           jsonb_build_object('attempt', s.attempts, 'node', h.node_name, 'lastHeartbeat', s.heartbeat_at, 'leaseSeconds', s.lease_seconds, 'reason', s.error)
      FROM stale s LEFT JOIN history h ON h.run_id = s.id)
  SELECT * FROM stale;

-- worker.record-delivery
UPDATE training_runs SET queue_name = $2, queue_job_id = $3 WHERE id = $1;

-- worker.register-node
INSERT INTO training_nodes (name, hostname, gpus, max_jobs, status, started_at, last_heartbeat, heartbeat_seconds, lease_seconds)
  VALUES ($1, $2, $3, $4, 'online', now(), now(), $5, $6)
  ON CONFLICT (name) DO UPDATE SET hostname = EXCLUDED.hostname, gpus = EXCLUDED.gpus, max_jobs = EXCLUDED.max_jobs,
    status = 'online', started_at = now(), last_heartbeat = now(), heartbeat_seconds = EXCLUDED.heartbeat_seconds, lease_seconds = EXCLUDED.lease_seconds
  RETURNING id;

-- worker.release-run
WITH released AS (
    UPDATE training_runs SET status = 'queued', released_attempts = released_attempts + 1, node_id = NULL, node_name = NULL, assigned_gpus = NULL,
           heartbeat_deadline = NULL, queued_at = now(), error = 'released by node ' || coalesce(node_name, '?') || ' on shutdown'
     WHERE id = $1 AND attempts = $2 AND node_id = $3 AND status IN ('claimed', 'running') RETURNING *),
  history AS (
    UPDATE training_attempts SET outcome = 'released', error = (SELECT error FROM released), ended_at = now(), last_heartbeat = (SELECT heartbeat_at FROM released)
     WHERE run_id = (SELECT id FROM released) AND attempt = $2),
  audited AS (
    INSERT INTO audit_log (actor, action, entity_type, entity_id, project_id, before, after, details)
    SELECT $4, 'training.release', 'training_run', id::text, project_id, jsonb_build_object('status', 'running', 'attempt', attempts), jsonb_build_object('status', 'queued'),
           jsonb_build_object('attempt', attempts, 'reason', error)
      FROM released)
  SELECT * FROM released;

-- worker.restart-queue-wait
UPDATE training_runs SET queued_at = now() WHERE id = $1 AND status = 'queued';

-- worker.run-artifacts
SELECT name, kind, uri, bytes::float8 AS bytes, sha256 FROM training_artifacts WHERE run_id = $1 ORDER BY name;

-- worker.run-status
SELECT status FROM training_runs WHERE id = $1;

-- worker.set-node-status
UPDATE training_nodes SET status = $2, last_heartbeat = now() WHERE id = $1;

-- worker.snapshot-location
SELECT directory, status FROM dataset_snapshots WHERE id = $1;

-- worker.store-uncertainty
WITH run AS (SELECT id FROM training_runs WHERE id = $1 AND project_id = $2 AND status = 'succeeded'),
  stored AS (
    INSERT INTO item_uncertainty (item_id, project_id, run_id, score, reward_gap, scored_at)
    SELECT t.item_id, $2, $1, t.score, t.reward_gap, now()
      FROM unnest($3::uuid[], $4::float8[], $5::float8[]) AS t(item_id, score, reward_gap)
      JOIN items i ON i.id = t.item_id AND i.project_id = $2
     WHERE EXISTS (SELECT 1 FROM run)
    ON CONFLICT (item_id) DO UPDATE SET run_id = EXCLUDED.run_id, score = EXCLUDED.score, reward_gap = EXCLUDED.reward_gap,
           scored_at = EXCLUDED.scored_at
    RETURNING 1),
  -- Scores of items this scoring left out (labelled meanwhile, or gone) are dropped: the distribution is of open items.
  cleared AS (
    DELETE FROM item_uncertainty WHERE project_id = $2 AND NOT (item_id = ANY($3::uuid[])) AND EXISTS (SELECT 1 FROM run))
  SELECT (SELECT count(*)::int FROM stored) AS stored;

-- worker.waiting-runs
SELECT * FROM training_runs WHERE status = 'queued' AND queued_at < now() - make_interval(secs => $1) ORDER BY queued_at LIMIT 100;
