-- Written by `npm run queries` from the repositories; do not edit.

-- label.by-submission-id
SELECT row_to_json(l) AS existing FROM labels l WHERE l.submission_id = $1;

-- label.delete
DELETE FROM labels WHERE id = $1;

-- label.insert-submitted-with-audit
WITH label AS (
  INSERT INTO labels (project_id, item_id, annotator_id, task_id, submission_id, kind, content, flags, rationale, rewrite,
                      time_spent_ms, display_order, guideline_version, origin, pair_key, ui_direction)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'ui', $14, $15)
  RETURNING *
), task AS (
  UPDATE tasks SET status = 'submitted', finished_at = now() WHERE id = $4
), item AS (
  UPDATE items SET label_count = label_count + 1, open_leases = open_leases - 1,
                         open_leases_live_until = CASE WHEN open_leases = 1 THEN NULL ELSE open_leases_live_until END
          WHERE id = $2
), audit AS (
  INSERT INTO audit_log (actor, actor_user_id, action, entity_type, entity_id, project_id, after, details)
  SELECT $16, $17, 'label.create', 'label', label.id::text, label.project_id, $18, $19 FROM label
), next_item AS (
  
 SELECT c.id, c.language, c.specialty, c.prompt, c.messages, (SELECT json_agg(json_build_object('id', r.id, 'text', r.text) ORDER BY r.position) FROM responses r WHERE r.item_id = c.id) AS responses
   FROM (SELECT i.id, i.language, i.specialty, i.prompt, i.messages
           FROM items i
          WHERE i.project_id = $20::uuid AND i.is_gold = $21::boolean AND i.label_count < (SELECT greatest($22::int, q.overlap, q.overlap_max) FROM projects q WHERE q.id = $20::uuid)
   AND (i.target_overlap IS NULL OR i.label_count < i.target_overlap)
            AND i.label_count < coalesce(i.target_overlap, $22::int)
   AND (SELECT count(*) FROM responses r WHERE r.item_id = i.id) <= (SELECT p.max_responses FROM projects p WHERE p.id = $20::uuid)
   -- Skip items whose slots are all taken by live leases too; otherwise they sort first and use up the retries.
   AND NOT coalesce(i.open_leases_live_until > now() AND i.label_count + i.open_leases >= coalesce(i.target_overlap, $22::int), false)
   AND (i.open_leases = 0 OR i.open_leases_live_until > now()
        OR i.label_count + (SELECT count(*) FROM tasks h WHERE h.item_id = i.id AND h.status = 'leased' AND h.expires_at > now()) < coalesce(i.target_overlap, $22::int))
   AND (cardinality($23::text[]) = 0 OR i.language = ANY($23))
   AND (cardinality($24::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($24))
   AND NOT (i.id = ANY($25::uuid[]))
   -- NOT IN, not NOT EXISTS: a hash of the annotator's own items, built once and probed before the subqueries above.
   -- The queue serves the fullest items first, so an annotator working ahead of the team finds all of their own
   -- unfinished items at its head. As an anti-join, each one cost those subqueries and an index probe.
   AND i.id NOT IN (SELECT a.item_id FROM tasks a WHERE a.annotator_id = $3 AND a.project_id = $20::uuid)
   AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND l.annotator_id = $3)
          ORDER BY i.label_count DESC, i.id
          LIMIT 1
          FOR UPDATE OF i SKIP LOCKED) c
)
-- next_item_id and next_response_ids repeat what next_candidate holds, for clients without JSON (the SQL floor's pgbench).
SELECT label.*, row_to_json(n) AS next_candidate, n.id AS next_item_id,
       ARRAY(SELECT r->>'id' FROM json_array_elements(n.responses) r) AS next_response_ids
  FROM label LEFT JOIN next_item n ON true;

-- label.insert-submitted-with-audit-uncertain-next
WITH label AS (
  INSERT INTO labels (project_id, item_id, annotator_id, task_id, submission_id, kind, content, flags, rationale, rewrite,
                      time_spent_ms, display_order, guideline_version, origin, pair_key, ui_direction)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'ui', $14, $15)
  RETURNING *
), task AS (
  UPDATE tasks SET status = 'submitted', finished_at = now() WHERE id = $4
), item AS (
  UPDATE items SET label_count = label_count + 1, open_leases = open_leases - 1,
                         open_leases_live_until = CASE WHEN open_leases = 1 THEN NULL ELSE open_leases_live_until END
          WHERE id = $2
), audit AS (
  INSERT INTO audit_log (actor, actor_user_id, action, entity_type, entity_id, project_id, after, details)
  SELECT $16, $17, 'label.create', 'label', label.id::text, label.project_id, $18, $19 FROM label
), next_item AS (
  
 WITH scored AS MATERIALIZED (
   SELECT i.id, i.language, i.specialty, i.prompt, i.messages
     FROM item_uncertainty u JOIN items i ON i.id = u.item_id
    WHERE NOT $21::boolean AND u.project_id = $20::uuid AND i.project_id = $20::uuid AND NOT i.is_gold
      AND i.label_count < coalesce(i.target_overlap, $22::int)
   AND (SELECT count(*) FROM responses r WHERE r.item_id = i.id) <= (SELECT p.max_responses FROM projects p WHERE p.id = $20::uuid)
   -- Skip items whose slots are all taken by live leases too; otherwise they sort first and use up the retries.
   AND NOT coalesce(i.open_leases_live_until > now() AND i.label_count + i.open_leases >= coalesce(i.target_overlap, $22::int), false)
   AND (i.open_leases = 0 OR i.open_leases_live_until > now()
        OR i.label_count + (SELECT count(*) FROM tasks h WHERE h.item_id = i.id AND h.status = 'leased' AND h.expires_at > now()) < coalesce(i.target_overlap, $22::int))
   AND (cardinality($23::text[]) = 0 OR i.language = ANY($23))
   AND (cardinality($24::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($24))
   AND NOT (i.id = ANY($25::uuid[]))
   -- NOT IN, not NOT EXISTS: a hash of the annotator's own items, built once and probed before the subqueries above.
   -- The queue serves the fullest items first, so an annotator working ahead of the team finds all of their own
   -- unfinished items at its head. As an anti-join, each one cost those subqueries and an index probe.
   AND i.id NOT IN (SELECT a.item_id FROM tasks a WHERE a.annotator_id = $3 AND a.project_id = $20::uuid)
   AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND l.annotator_id = $3)
    ORDER BY u.score DESC, u.item_id
    LIMIT 1
    FOR UPDATE OF i SKIP LOCKED
 ), unscored AS MATERIALIZED (
   SELECT i.id, i.language, i.specialty, i.prompt, i.messages
     FROM items i
    WHERE NOT EXISTS (SELECT 1 FROM scored) AND i.project_id = $20::uuid AND i.is_gold = $21::boolean
      AND i.label_count < (SELECT greatest($22::int, q.overlap, q.overlap_max) FROM projects q WHERE q.id = $20::uuid)
   AND (i.target_overlap IS NULL OR i.label_count < i.target_overlap) AND i.label_count < coalesce(i.target_overlap, $22::int)
   AND (SELECT count(*) FROM responses r WHERE r.item_id = i.id) <= (SELECT p.max_responses FROM projects p WHERE p.id = $20::uuid)
   -- Skip items whose slots are all taken by live leases too; otherwise they sort first and use up the retries.
   AND NOT coalesce(i.open_leases_live_until > now() AND i.label_count + i.open_leases >= coalesce(i.target_overlap, $22::int), false)
   AND (i.open_leases = 0 OR i.open_leases_live_until > now()
        OR i.label_count + (SELECT count(*) FROM tasks h WHERE h.item_id = i.id AND h.status = 'leased' AND h.expires_at > now()) < coalesce(i.target_overlap, $22::int))
   AND (cardinality($23::text[]) = 0 OR i.language = ANY($23))
   AND (cardinality($24::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($24))
   AND NOT (i.id = ANY($25::uuid[]))
   -- NOT IN, not NOT EXISTS: a hash of the annotator's own items, built once and probed before the subqueries above.
   -- The queue serves the fullest items first, so an annotator working ahead of the team finds all of their own
   -- unfinished items at its head. As an anti-join, each one cost those subqueries and an index probe.
   AND i.id NOT IN (SELECT a.item_id FROM tasks a WHERE a.annotator_id = $3 AND a.project_id = $20::uuid)
   AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND l.annotator_id = $3)
      -- A gold draw takes every gold item (one set gold after it was scored too); otherwise the scored ones were tried above.
      AND ($21::boolean OR NOT EXISTS (SELECT 1 FROM item_uncertainty s WHERE s.item_id = i.id))
    ORDER BY i.label_count DESC, i.id
    LIMIT 1
    FOR UPDATE OF i SKIP LOCKED
 )
 SELECT c.id, c.language, c.specialty, c.prompt, c.messages, (SELECT json_agg(json_build_object('id', r.id, 'text', r.text) ORDER BY r.position) FROM responses r WHERE r.item_id = c.id) AS responses
  FROM (SELECT * FROM scored UNION ALL SELECT * FROM unscored) c
)
-- next_item_id and next_response_ids repeat what next_candidate holds, for clients without JSON (the SQL floor's pgbench).
SELECT label.*, row_to_json(n) AS next_candidate, n.id AS next_item_id,
       ARRAY(SELECT r->>'id' FROM json_array_elements(n.responses) r) AS next_response_ids
  FROM label LEFT JOIN next_item n ON true;

-- label.lock-task-for-submission
SELECT a.id, a.status, a.annotator_id, a.project_id, a.item_id, a.display_order, a.expires_at <= now() AS expired,
      (SELECT row_to_json(l) FROM labels l WHERE l.submission_id = $2) AS existing,
      row_to_json(p) AS project,
      (SELECT row_to_json(q) FROM (
SELECT p.id, p.slug, p.name, p.kind, p.criteria, p.scale_min, p.scale_max, p.overlap, p.gold_rate, p.lease_seconds, p.allow_ties,
      p.require_rationale, p.guideline_version, p.locked, p.queue_order, p.settings,
      mq.quota,
      -- Counted only under a quota, its one use: the count reads every task the annotator finished in the project,
      -- and every submit and lease reads this row.
      CASE WHEN mq.quota IS NULL THEN 0
           ELSE (SELECT count(*)::int FROM tasks q WHERE q.project_id = p.id AND q.annotator_id = $3::uuid AND q.status = 'submitted')
      END AS submitted,
      COALESCE((SELECT json_agg(json_build_object('id', a.id, 'item_id', a.item_id, 'display_order', a.display_order, 'expires_at', a.expires_at) ORDER BY a.leased_at)
                  FROM tasks a
                 WHERE a.annotator_id = $3::uuid AND a.project_id = p.id AND a.status = 'leased' AND a.expires_at > now()), '[]') AS live_leases
 FROM projects p LEFT JOIN project_members mq ON mq.project_id = p.id AND mq.user_id = $3::uuid
WHERE NOT p.locked AND $3::uuid IS NOT NULL AND p.id = CASE WHEN $4::uuid IS NOT NULL THEN $4::uuid
                         WHEN $5::text IS NOT NULL THEN (SELECT s.id FROM projects s WHERE s.slug = $5)
                         ELSE a.project_id END
  AND NOT EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.user_id = $3::uuid AND m.status = 'removed')
      AND (NOT coalesce((p.settings->>'membersOnly')::boolean, false)
           OR EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.user_id = $3::uuid AND m.status = 'member'))
      AND NOT EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.user_id = $3::uuid AND m.quota IS NOT NULL
                        AND m.quota <= (SELECT count(*) FROM tasks q WHERE q.project_id = p.id AND q.annotator_id = $3::uuid AND q.status = 'submitted'))
ORDER BY p.created_at
LIMIT 1) q) AS next_project
 FROM tasks a JOIN projects p ON p.id = a.project_id JOIN items i ON i.id = a.item_id
WHERE a.id = $1
FOR UPDATE OF a FOR NO KEY UPDATE OF i;
