-- Written by `npm run queries` from the repositories; do not edit.

-- task.adaptive-overlap-clear-targets
UPDATE items SET target_overlap = NULL WHERE project_id = $1 AND target_overlap IS NOT NULL;

-- task.adaptive-overlap-gold-preferred
SELECT id, gold->>'preferred' AS preferred FROM items
    WHERE project_id = $1 AND is_gold AND gold->>'criterion' = $2 AND gold->>'preferred' IS NOT NULL;

-- task.adaptive-overlap-item-labels
SELECT item_id, annotator_id, content FROM labels WHERE item_id = $1;

-- task.adaptive-overlap-lock-item-target
SELECT target_overlap FROM items WHERE id = $1 FOR UPDATE;

-- task.adaptive-overlap-project-labels
SELECT item_id, annotator_id, content FROM labels WHERE project_id = $1;

-- task.adaptive-overlap-set-target
UPDATE items SET target_overlap = $2 WHERE id = $1;

-- task.adaptive-overlap-set-targets
UPDATE items i SET target_overlap = t.target
     FROM unnest($2::uuid[], $3::int[]) AS t(id, target)
    WHERE i.id = t.id AND i.project_id = $1;

-- task.eligible-projects
SELECT p.id, p.slug, p.name, p.kind, p.criteria, p.scale_min, p.scale_max, p.overlap, p.gold_rate, p.lease_seconds, p.allow_ties,
      p.require_rationale, p.guideline_version, p.locked, p.queue_order, p.settings,
      mq.quota,
      -- Counted only under a quota, its one use: the count reads every task the annotator finished in the project,
      -- and every submit and lease reads this row.
      CASE WHEN mq.quota IS NULL THEN 0
           ELSE (SELECT count(*)::int FROM tasks q WHERE q.project_id = p.id AND q.annotator_id = $3 AND q.status = 'submitted')
      END AS submitted,
      COALESCE((SELECT json_agg(json_build_object('id', a.id, 'item_id', a.item_id, 'display_order', a.display_order, 'expires_at', a.expires_at) ORDER BY a.leased_at)
                  FROM tasks a
                 WHERE a.annotator_id = $3 AND a.project_id = p.id AND a.status = 'leased' AND a.expires_at > now()), '[]') AS live_leases
 FROM projects p LEFT JOIN project_members mq ON mq.project_id = p.id AND mq.user_id = $3
WHERE NOT p.locked AND ($1::uuid IS NULL OR p.id = $1) AND ($2::text IS NULL OR p.slug = $2)
  AND NOT EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.user_id = $3 AND m.status = 'removed')
      AND (NOT coalesce((p.settings->>'membersOnly')::boolean, false)
           OR EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.user_id = $3 AND m.status = 'member'))
      AND NOT EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.user_id = $3 AND m.quota IS NOT NULL
                        AND m.quota <= (SELECT count(*) FROM tasks q WHERE q.project_id = p.id AND q.annotator_id = $3 AND q.status = 'submitted'))
ORDER BY p.created_at;

-- task.insert-lease-if-slot-free
INSERT INTO tasks (project_id, item_id, annotator_id, status, display_order, expires_at)
SELECT $1, $2, $3, 'leased', $4, now() + make_interval(secs => $5)
 WHERE ((SELECT count(DISTINCT annotator_id) FROM labels WHERE item_id = $2)
      + (SELECT count(*) FROM tasks WHERE item_id = $2 AND status = 'leased' AND expires_at > now())) < coalesce((SELECT target_overlap FROM items WHERE id = $2), $6)
RETURNING id, item_id, display_order, expires_at;

-- task.item-with-shown-responses
SELECT i.id, i.language, i.specialty, i.prompt, i.messages,
     (SELECT json_agg(json_build_object('id', r.id, 'text', r.text)) FROM responses r WHERE r.id = ANY($2::uuid[])) AS responses
FROM items i WHERE i.id = $1;

-- task.live-lease-orders
SELECT display_order FROM tasks WHERE item_id = $1 AND status = 'leased' AND expires_at > now();

-- task.lock
SELECT id, status, annotator_id, project_id, item_id FROM tasks WHERE id = $1 FOR UPDATE;

-- task.lock-next-candidate
SELECT c.id, c.language, c.specialty, c.prompt, c.messages, (SELECT json_agg(json_build_object('id', r.id, 'text', r.text) ORDER BY r.position) FROM responses r WHERE r.item_id = c.id) AS responses
  FROM (SELECT i.id, i.language, i.specialty, i.prompt, i.messages
          FROM items i
         WHERE i.project_id = $1 AND i.is_gold = $2 AND i.label_count < (SELECT greatest($3, q.overlap, q.overlap_max) FROM projects q WHERE q.id = $1)
  AND (i.target_overlap IS NULL OR i.label_count < i.target_overlap)
           AND i.label_count < coalesce(i.target_overlap, $3)
  AND (SELECT count(*) FROM responses r WHERE r.item_id = i.id) <= (SELECT p.max_responses FROM projects p WHERE p.id = $1)
  -- Skip items whose slots are all taken by live leases too; otherwise they sort first and use up the retries.
  AND NOT coalesce(i.open_leases_live_until > now() AND i.label_count + i.open_leases >= coalesce(i.target_overlap, $3), false)
  AND (i.open_leases = 0 OR i.open_leases_live_until > now()
       OR i.label_count + (SELECT count(*) FROM tasks h WHERE h.item_id = i.id AND h.status = 'leased' AND h.expires_at > now()) < coalesce(i.target_overlap, $3))
  AND (cardinality($4::text[]) = 0 OR i.language = ANY($4))
  AND (cardinality($5::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($5))
  AND NOT (i.id = ANY($7::uuid[]))
  -- NOT IN, not NOT EXISTS: a hash of the annotator's own items, built once and probed before the subqueries above.
  -- The queue serves the fullest items first, so an annotator working ahead of the team finds all of their own
  -- unfinished items at its head. As an anti-join, each one cost those subqueries and an index probe.
  AND i.id NOT IN (SELECT a.item_id FROM tasks a WHERE a.annotator_id = $6 AND a.project_id = $1)
  AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND l.annotator_id = $6)
         ORDER BY i.label_count DESC, i.id
         LIMIT 1
         FOR UPDATE OF i SKIP LOCKED) c;

-- task.lock-next-uncertain-candidate
WITH scored AS MATERIALIZED (
  SELECT i.id, i.language, i.specialty, i.prompt, i.messages
    FROM item_uncertainty u JOIN items i ON i.id = u.item_id
   WHERE NOT $2 AND u.project_id = $1 AND i.project_id = $1 AND NOT i.is_gold
     AND i.label_count < coalesce(i.target_overlap, $3)
  AND (SELECT count(*) FROM responses r WHERE r.item_id = i.id) <= (SELECT p.max_responses FROM projects p WHERE p.id = $1)
  -- Skip items whose slots are all taken by live leases too; otherwise they sort first and use up the retries.
  AND NOT coalesce(i.open_leases_live_until > now() AND i.label_count + i.open_leases >= coalesce(i.target_overlap, $3), false)
  AND (i.open_leases = 0 OR i.open_leases_live_until > now()
       OR i.label_count + (SELECT count(*) FROM tasks h WHERE h.item_id = i.id AND h.status = 'leased' AND h.expires_at > now()) < coalesce(i.target_overlap, $3))
  AND (cardinality($4::text[]) = 0 OR i.language = ANY($4))
  AND (cardinality($5::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($5))
  AND NOT (i.id = ANY($7::uuid[]))
  -- NOT IN, not NOT EXISTS: a hash of the annotator's own items, built once and probed before the subqueries above.
  -- The queue serves the fullest items first, so an annotator working ahead of the team finds all of their own
  -- unfinished items at its head. As an anti-join, each one cost those subqueries and an index probe.
  AND i.id NOT IN (SELECT a.item_id FROM tasks a WHERE a.annotator_id = $6 AND a.project_id = $1)
  AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND l.annotator_id = $6)
   ORDER BY u.score DESC, u.item_id
   LIMIT 1
   FOR UPDATE OF i SKIP LOCKED
), unscored AS MATERIALIZED (
  SELECT i.id, i.language, i.specialty, i.prompt, i.messages
    FROM items i
   WHERE NOT EXISTS (SELECT 1 FROM scored) AND i.project_id = $1 AND i.is_gold = $2
     AND i.label_count < (SELECT greatest($3, q.overlap, q.overlap_max) FROM projects q WHERE q.id = $1)
  AND (i.target_overlap IS NULL OR i.label_count < i.target_overlap) AND i.label_count < coalesce(i.target_overlap, $3)
  AND (SELECT count(*) FROM responses r WHERE r.item_id = i.id) <= (SELECT p.max_responses FROM projects p WHERE p.id = $1)
  -- Skip items whose slots are all taken by live leases too; otherwise they sort first and use up the retries.
  AND NOT coalesce(i.open_leases_live_until > now() AND i.label_count + i.open_leases >= coalesce(i.target_overlap, $3), false)
  AND (i.open_leases = 0 OR i.open_leases_live_until > now()
       OR i.label_count + (SELECT count(*) FROM tasks h WHERE h.item_id = i.id AND h.status = 'leased' AND h.expires_at > now()) < coalesce(i.target_overlap, $3))
  AND (cardinality($4::text[]) = 0 OR i.language = ANY($4))
  AND (cardinality($5::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($5))
  AND NOT (i.id = ANY($7::uuid[]))
  -- NOT IN, not NOT EXISTS: a hash of the annotator's own items, built once and probed before the subqueries above.
  -- The queue serves the fullest items first, so an annotator working ahead of the team finds all of their own
  -- unfinished items at its head. As an anti-join, each one cost those subqueries and an index probe.
  AND i.id NOT IN (SELECT a.item_id FROM tasks a WHERE a.annotator_id = $6 AND a.project_id = $1)
  AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND l.annotator_id = $6)
     -- A gold draw takes every gold item (one set gold after it was scored too); otherwise the scored ones were tried above.
     AND ($2 OR NOT EXISTS (SELECT 1 FROM item_uncertainty s WHERE s.item_id = i.id))
   ORDER BY i.label_count DESC, i.id
   LIMIT 1
   FOR UPDATE OF i SKIP LOCKED
)
SELECT c.id, c.language, c.specialty, c.prompt, c.messages, (SELECT json_agg(json_build_object('id', r.id, 'text', r.text) ORDER BY r.position) FROM responses r WHERE r.item_id = c.id) AS responses
 FROM (SELECT * FROM scored UNION ALL SELECT * FROM unscored) c;

-- task.lock-of-items
SELECT id FROM tasks WHERE project_id = $1 AND item_id = ANY($2::uuid[]) ORDER BY id FOR UPDATE;

-- task.mark-skipped
UPDATE tasks SET status = 'skipped', skip_reason = $2, finished_at = now() WHERE id = $1;

-- task.pair-label-counts
SELECT pair_key, count(*)::int AS n FROM labels WHERE item_id = $1 GROUP BY pair_key;

-- task.peek-next-candidate
SELECT c.id, c.language, c.specialty, c.prompt, c.messages, (SELECT json_agg(json_build_object('id', r.id, 'text', r.text) ORDER BY r.position) FROM responses r WHERE r.item_id = c.id) AS responses
  FROM (SELECT i.id, i.language, i.specialty, i.prompt, i.messages
          FROM items i
         WHERE i.project_id = $1 AND i.is_gold = $2 AND i.label_count < (SELECT greatest($3, q.overlap, q.overlap_max) FROM projects q WHERE q.id = $1)
  AND (i.target_overlap IS NULL OR i.label_count < i.target_overlap)
           AND i.label_count < coalesce(i.target_overlap, $3)
  AND (SELECT count(*) FROM responses r WHERE r.item_id = i.id) <= (SELECT p.max_responses FROM projects p WHERE p.id = $1)
  -- Skip items whose slots are all taken by live leases too; otherwise they sort first and use up the retries.
  AND NOT coalesce(i.open_leases_live_until > now() AND i.label_count + i.open_leases >= coalesce(i.target_overlap, $3), false)
  AND (i.open_leases = 0 OR i.open_leases_live_until > now()
       OR i.label_count + (SELECT count(*) FROM tasks h WHERE h.item_id = i.id AND h.status = 'leased' AND h.expires_at > now()) < coalesce(i.target_overlap, $3))
  AND (cardinality($4::text[]) = 0 OR i.language = ANY($4))
  AND (cardinality($5::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($5))
  AND NOT (i.id = ANY($7::uuid[]))
  -- NOT IN, not NOT EXISTS: a hash of the annotator's own items, built once and probed before the subqueries above.
  -- The queue serves the fullest items first, so an annotator working ahead of the team finds all of their own
  -- unfinished items at its head. As an anti-join, each one cost those subqueries and an index probe.
  AND i.id NOT IN (SELECT a.item_id FROM tasks a WHERE a.annotator_id = $6 AND a.project_id = $1)
  AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND l.annotator_id = $6)
         ORDER BY i.label_count DESC, i.id
         LIMIT 1
         ) c;

-- task.peek-next-uncertain-candidate
WITH scored AS MATERIALIZED (
  SELECT i.id, i.language, i.specialty, i.prompt, i.messages
    FROM item_uncertainty u JOIN items i ON i.id = u.item_id
   WHERE NOT $2 AND u.project_id = $1 AND i.project_id = $1 AND NOT i.is_gold
     AND i.label_count < coalesce(i.target_overlap, $3)
  AND (SELECT count(*) FROM responses r WHERE r.item_id = i.id) <= (SELECT p.max_responses FROM projects p WHERE p.id = $1)
  -- Skip items whose slots are all taken by live leases too; otherwise they sort first and use up the retries.
  AND NOT coalesce(i.open_leases_live_until > now() AND i.label_count + i.open_leases >= coalesce(i.target_overlap, $3), false)
  AND (i.open_leases = 0 OR i.open_leases_live_until > now()
       OR i.label_count + (SELECT count(*) FROM tasks h WHERE h.item_id = i.id AND h.status = 'leased' AND h.expires_at > now()) < coalesce(i.target_overlap, $3))
  AND (cardinality($4::text[]) = 0 OR i.language = ANY($4))
  AND (cardinality($5::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($5))
  AND NOT (i.id = ANY($7::uuid[]))
  -- NOT IN, not NOT EXISTS: a hash of the annotator's own items, built once and probed before the subqueries above.
  -- The queue serves the fullest items first, so an annotator working ahead of the team finds all of their own
  -- unfinished items at its head. As an anti-join, each one cost those subqueries and an index probe.
  AND i.id NOT IN (SELECT a.item_id FROM tasks a WHERE a.annotator_id = $6 AND a.project_id = $1)
  AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND l.annotator_id = $6)
   ORDER BY u.score DESC, u.item_id
   LIMIT 1
   
), unscored AS MATERIALIZED (
  SELECT i.id, i.language, i.specialty, i.prompt, i.messages
    FROM items i
   WHERE NOT EXISTS (SELECT 1 FROM scored) AND i.project_id = $1 AND i.is_gold = $2
     AND i.label_count < (SELECT greatest($3, q.overlap, q.overlap_max) FROM projects q WHERE q.id = $1)
  AND (i.target_overlap IS NULL OR i.label_count < i.target_overlap) AND i.label_count < coalesce(i.target_overlap, $3)
  AND (SELECT count(*) FROM responses r WHERE r.item_id = i.id) <= (SELECT p.max_responses FROM projects p WHERE p.id = $1)
  -- Skip items whose slots are all taken by live leases too; otherwise they sort first and use up the retries.
  AND NOT coalesce(i.open_leases_live_until > now() AND i.label_count + i.open_leases >= coalesce(i.target_overlap, $3), false)
  AND (i.open_leases = 0 OR i.open_leases_live_until > now()
       OR i.label_count + (SELECT count(*) FROM tasks h WHERE h.item_id = i.id AND h.status = 'leased' AND h.expires_at > now()) < coalesce(i.target_overlap, $3))
  AND (cardinality($4::text[]) = 0 OR i.language = ANY($4))
  AND (cardinality($5::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($5))
  AND NOT (i.id = ANY($7::uuid[]))
  -- NOT IN, not NOT EXISTS: a hash of the annotator's own items, built once and probed before the subqueries above.
  -- The queue serves the fullest items first, so an annotator working ahead of the team finds all of their own
  -- unfinished items at its head. As an anti-join, each one cost those subqueries and an index probe.
  AND i.id NOT IN (SELECT a.item_id FROM tasks a WHERE a.annotator_id = $6 AND a.project_id = $1)
  AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND l.annotator_id = $6)
     -- A gold draw takes every gold item (one set gold after it was scored too); otherwise the scored ones were tried above.
     AND ($2 OR NOT EXISTS (SELECT 1 FROM item_uncertainty s WHERE s.item_id = i.id))
   ORDER BY i.label_count DESC, i.id
   LIMIT 1
   
)
SELECT c.id, c.language, c.specialty, c.prompt, c.messages, (SELECT json_agg(json_build_object('id', r.id, 'text', r.text) ORDER BY r.position) FROM responses r WHERE r.item_id = c.id) AS responses
 FROM (SELECT * FROM scored UNION ALL SELECT * FROM unscored) c;

-- task.release-unfinished-of-item
WITH released AS (DELETE FROM tasks WHERE item_id = $1 AND status IN ('leased', 'skipped', 'released') RETURNING 1) SELECT count(*)::int AS count FROM released;

-- task.remaining-by-project
SELECT i.project_id, count(*) AS remaining
 FROM items i JOIN projects p ON p.id = i.project_id
WHERE NOT p.locked AND ($1::text IS NULL OR p.id::text = $1 OR p.slug = $1) AND i.label_count < coalesce(i.target_overlap, p.overlap)
  AND (SELECT count(*) FROM responses r WHERE r.item_id = i.id) <= p.max_responses
  AND (cardinality($2::text[]) = 0 OR i.language = ANY($2))
  AND (cardinality($3::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($3))
  AND i.id NOT IN (SELECT a.item_id FROM tasks a WHERE a.annotator_id = $4 AND a.status <> 'leased')
GROUP BY i.project_id;

-- task.remaining-in-project
SELECT i.project_id, count(*) AS remaining
 FROM items i JOIN projects p ON p.id = i.project_id
WHERE NOT p.locked AND i.project_id = $1::uuid AND i.label_count < coalesce(i.target_overlap, p.overlap)
  AND (SELECT count(*) FROM responses r WHERE r.item_id = i.id) <= p.max_responses
  AND (cardinality($2::text[]) = 0 OR i.language = ANY($2))
  AND (cardinality($3::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($3))
  AND i.id NOT IN (SELECT a.item_id FROM tasks a WHERE a.annotator_id = $4 AND a.status <> 'leased')
GROUP BY i.project_id;

-- task.reopen-lease
UPDATE tasks SET status = 'leased', finished_at = NULL, expires_at = now() + make_interval(secs => $2) WHERE id = $1;

-- task.response-models
SELECT id, model FROM responses WHERE item_id = $1 ORDER BY position;

-- task.taken-slots
SELECT ((SELECT count(DISTINCT annotator_id) FROM labels WHERE item_id = $1 AND annotator_id IS DISTINCT FROM $2)
         + (SELECT count(*) FROM tasks WHERE item_id = $1 AND status = 'leased' AND expires_at > now() AND annotator_id IS DISTINCT FROM $2)) AS taken;

-- task.times-on-side-a
SELECT ra.model, count(*)::int AS n
 FROM tasks a
 JOIN responses ra ON ra.id = a.display_order[1]
 JOIN responses rb ON rb.id = a.display_order[2]
WHERE a.project_id = $1 AND cardinality(a.display_order) = 2
  AND ((ra.model = $2 AND rb.model = $3) OR (ra.model = $3 AND rb.model = $2))
GROUP BY ra.model;

-- task.uncertainty-summary
WITH range AS (
  SELECT min(score) AS lo, max(score) AS hi, count(*)::int AS scored, max(scored_at) AS scored_at
    FROM item_uncertainty WHERE project_id = $1)
SELECT r.scored, r.lo AS min_score, r.hi AS max_score, r.scored_at,
       (SELECT u.run_id FROM item_uncertainty u WHERE u.project_id = $1 ORDER BY u.scored_at DESC LIMIT 1) AS run_id,
       (SELECT count(*)::int FROM items i JOIN projects p ON p.id = i.project_id
         WHERE i.project_id = $1 AND NOT i.is_gold AND i.label_count < coalesce(i.target_overlap, p.overlap)
           AND NOT EXISTS (SELECT 1 FROM item_uncertainty u WHERE u.item_id = i.id)) AS unscored,
       coalesce((SELECT json_agg(json_build_object('bin', b.bin, 'count', b.count) ORDER BY b.bin)
                   FROM (SELECT CASE WHEN r.hi = r.lo THEN 1 ELSE least(width_bucket(u.score, r.lo, r.hi, $2), $2) END AS bin,
                                count(*)::int AS count
                           FROM item_uncertainty u WHERE u.project_id = $1 GROUP BY 1) b), '[]') AS bins
  FROM range r;

-- task.wait-next-candidate
SELECT c.id, c.language, c.specialty, c.prompt, c.messages, (SELECT json_agg(json_build_object('id', r.id, 'text', r.text) ORDER BY r.position) FROM responses r WHERE r.item_id = c.id) AS responses
  FROM (SELECT i.id, i.language, i.specialty, i.prompt, i.messages
          FROM items i
         WHERE i.project_id = $1 AND i.is_gold = $2 AND i.label_count < (SELECT greatest($3, q.overlap, q.overlap_max) FROM projects q WHERE q.id = $1)
  AND (i.target_overlap IS NULL OR i.label_count < i.target_overlap)
           AND i.label_count < coalesce(i.target_overlap, $3)
  AND (SELECT count(*) FROM responses r WHERE r.item_id = i.id) <= (SELECT p.max_responses FROM projects p WHERE p.id = $1)
  -- Skip items whose slots are all taken by live leases too; otherwise they sort first and use up the retries.
  AND NOT coalesce(i.open_leases_live_until > now() AND i.label_count + i.open_leases >= coalesce(i.target_overlap, $3), false)
  AND (i.open_leases = 0 OR i.open_leases_live_until > now()
       OR i.label_count + (SELECT count(*) FROM tasks h WHERE h.item_id = i.id AND h.status = 'leased' AND h.expires_at > now()) < coalesce(i.target_overlap, $3))
  AND (cardinality($4::text[]) = 0 OR i.language = ANY($4))
  AND (cardinality($5::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($5))
  AND NOT (i.id = ANY($7::uuid[]))
  -- NOT IN, not NOT EXISTS: a hash of the annotator's own items, built once and probed before the subqueries above.
  -- The queue serves the fullest items first, so an annotator working ahead of the team finds all of their own
  -- unfinished items at its head. As an anti-join, each one cost those subqueries and an index probe.
  AND i.id NOT IN (SELECT a.item_id FROM tasks a WHERE a.annotator_id = $6 AND a.project_id = $1)
  AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND l.annotator_id = $6)
         ORDER BY i.label_count DESC, i.id
         LIMIT 1
         FOR UPDATE OF i) c;

-- task.wait-next-uncertain-candidate
WITH scored AS MATERIALIZED (
  SELECT i.id, i.language, i.specialty, i.prompt, i.messages
    FROM item_uncertainty u JOIN items i ON i.id = u.item_id
   WHERE NOT $2 AND u.project_id = $1 AND i.project_id = $1 AND NOT i.is_gold
     AND i.label_count < coalesce(i.target_overlap, $3)
  AND (SELECT count(*) FROM responses r WHERE r.item_id = i.id) <= (SELECT p.max_responses FROM projects p WHERE p.id = $1)
  -- Skip items whose slots are all taken by live leases too; otherwise they sort first and use up the retries.
  AND NOT coalesce(i.open_leases_live_until > now() AND i.label_count + i.open_leases >= coalesce(i.target_overlap, $3), false)
  AND (i.open_leases = 0 OR i.open_leases_live_until > now()
       OR i.label_count + (SELECT count(*) FROM tasks h WHERE h.item_id = i.id AND h.status = 'leased' AND h.expires_at > now()) < coalesce(i.target_overlap, $3))
  AND (cardinality($4::text[]) = 0 OR i.language = ANY($4))
  AND (cardinality($5::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($5))
  AND NOT (i.id = ANY($7::uuid[]))
  -- NOT IN, not NOT EXISTS: a hash of the annotator's own items, built once and probed before the subqueries above.
  -- The queue serves the fullest items first, so an annotator working ahead of the team finds all of their own
  -- unfinished items at its head. As an anti-join, each one cost those subqueries and an index probe.
  AND i.id NOT IN (SELECT a.item_id FROM tasks a WHERE a.annotator_id = $6 AND a.project_id = $1)
  AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND l.annotator_id = $6)
   ORDER BY u.score DESC, u.item_id
   LIMIT 1
   FOR UPDATE OF i
), unscored AS MATERIALIZED (
  SELECT i.id, i.language, i.specialty, i.prompt, i.messages
    FROM items i
   WHERE NOT EXISTS (SELECT 1 FROM scored) AND i.project_id = $1 AND i.is_gold = $2
     AND i.label_count < (SELECT greatest($3, q.overlap, q.overlap_max) FROM projects q WHERE q.id = $1)
  AND (i.target_overlap IS NULL OR i.label_count < i.target_overlap) AND i.label_count < coalesce(i.target_overlap, $3)
  AND (SELECT count(*) FROM responses r WHERE r.item_id = i.id) <= (SELECT p.max_responses FROM projects p WHERE p.id = $1)
  -- Skip items whose slots are all taken by live leases too; otherwise they sort first and use up the retries.
  AND NOT coalesce(i.open_leases_live_until > now() AND i.label_count + i.open_leases >= coalesce(i.target_overlap, $3), false)
  AND (i.open_leases = 0 OR i.open_leases_live_until > now()
       OR i.label_count + (SELECT count(*) FROM tasks h WHERE h.item_id = i.id AND h.status = 'leased' AND h.expires_at > now()) < coalesce(i.target_overlap, $3))
  AND (cardinality($4::text[]) = 0 OR i.language = ANY($4))
  AND (cardinality($5::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($5))
  AND NOT (i.id = ANY($7::uuid[]))
  -- NOT IN, not NOT EXISTS: a hash of the annotator's own items, built once and probed before the subqueries above.
  -- The queue serves the fullest items first, so an annotator working ahead of the team finds all of their own
  -- unfinished items at its head. As an anti-join, each one cost those subqueries and an index probe.
  AND i.id NOT IN (SELECT a.item_id FROM tasks a WHERE a.annotator_id = $6 AND a.project_id = $1)
  AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND l.annotator_id = $6)
     -- A gold draw takes every gold item (one set gold after it was scored too); otherwise the scored ones were tried above.
     AND ($2 OR NOT EXISTS (SELECT 1 FROM item_uncertainty s WHERE s.item_id = i.id))
   ORDER BY i.label_count DESC, i.id
   LIMIT 1
   FOR UPDATE OF i
)
SELECT c.id, c.language, c.specialty, c.prompt, c.messages, (SELECT json_agg(json_build_object('id', r.id, 'text', r.text) ORDER BY r.position) FROM responses r WHERE r.item_id = c.id) AS responses
 FROM (SELECT * FROM scored UNION ALL SELECT * FROM unscored) c;
