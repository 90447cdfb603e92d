-- Written by `npm run queries` from the repositories; do not edit.

-- review.annotator-counts
SELECT u.id, u.username, u.kind,
       count(l.id) AS labels,
       count(l.id) FILTER (WHERE l.created_at >= CASE WHEN $2::text IS NULL THEN date_trunc('day', now()) ELSE date_trunc('day', now(), $2::text) END) AS today,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY l.time_spent_ms) FILTER (WHERE l.origin = 'ui') AS median_ms,
       max(l.created_at) AS last_at,
       (SELECT count(*) FROM tasks a WHERE a.project_id = $1 AND a.annotator_id = u.id AND a.status = 'skipped') AS skipped
  FROM labels l JOIN users u ON u.id = l.annotator_id
 WHERE l.project_id = $1
 GROUP BY u.id, u.username, u.kind
 ORDER BY u.username;

-- review.annotator-done
SELECT count(*) FILTER (WHERE l.created_at >= CASE WHEN $3::text IS NULL THEN date_trunc('day', now()) ELSE date_trunc('day', now(), $3::text) END) AS today,
       count(*) AS total
  FROM labels l WHERE l.annotator_id = $1 AND ($2::uuid IS NULL OR l.project_id = $2);

-- review.gold-labels
SELECT l.annotator_id, u.username, l.content, i.gold
  FROM labels l JOIN items i ON i.id = l.item_id JOIN users u ON u.id = l.annotator_id
 WHERE l.project_id = $1 AND i.is_gold AND i.gold IS NOT NULL;

-- review.item
SELECT * FROM items WHERE id = $1;

-- review.item-adjudication
SELECT a.content, a.rationale, a.updated_at, u.username FROM adjudications a JOIN users u ON u.id = a.lead_id WHERE a.item_id = $1;

-- review.item-labels
SELECT l.*, u.username, u.kind AS annotator_kind FROM labels l JOIN users u ON u.id = l.annotator_id WHERE l.item_id = $1 ORDER BY l.created_at;

-- review.item-project
SELECT project_id FROM items WHERE id = $1;

-- review.item-response-ids
SELECT id FROM responses WHERE item_id = $1 ORDER BY position;

-- review.item-responses
SELECT id, external_id, text, source, model, generator FROM responses WHERE item_id = $1 ORDER BY position;

-- review.items-with-two-or-more-labels
SELECT i.id, i.external_id, i.language, i.specialty, array_agg(l.content ORDER BY l.created_at) AS contents,
       EXISTS (SELECT 1 FROM adjudications a WHERE a.item_id = i.id) AS adjudicated,
       (SELECT json_agg(json_build_object('id', r.id, 'text', left(r.text, 400)) ORDER BY r.position) FROM responses r WHERE r.item_id = i.id) AS responses
  FROM items i JOIN labels l ON l.item_id = i.id
 WHERE i.project_id = $1
 GROUP BY i.id HAVING count(*) >= 2
 ORDER BY i.external_id;

-- review.labels-per-day
SELECT CASE WHEN $3::text IS NULL THEN to_char(date_trunc('day', l.created_at), 'YYYY-MM-DD')
            ELSE to_char(l.created_at AT TIME ZONE $3::text, 'YYYY-MM-DD') END AS day,
       u.id, u.username, count(*) AS labels
  FROM labels l JOIN users u ON u.id = l.annotator_id
 WHERE l.project_id = $1 AND l.created_at >= now() - make_interval(days => $2)
 GROUP BY 1, 2, 3 ORDER BY 1, 3;

-- review.lock-adjudication
SELECT content, rationale FROM adjudications WHERE item_id = $1 FOR UPDATE;

-- review.open-slots
SELECT coalesce(sum(greatest(coalesce(i.target_overlap, p.overlap) - i.label_count, 0)), 0) AS remaining
  FROM items i JOIN projects p ON p.id = i.project_id
 WHERE NOT p.locked AND ($1::uuid IS NULL OR p.id = $1);

-- review.project-totals
SELECT (SELECT count(*) FROM items WHERE project_id = $1) AS items,
       (SELECT count(*) FROM responses r JOIN items i ON i.id = r.item_id WHERE i.project_id = $1) AS responses,
       (SELECT count(*) FROM labels WHERE project_id = $1) AS labels,
       (SELECT count(*) FROM items i JOIN projects p ON p.id = i.project_id WHERE i.project_id = $1 AND i.label_count >= coalesce(i.target_overlap, p.overlap)) AS complete,
       (SELECT count(*) FROM items i JOIN projects p ON p.id = i.project_id WHERE i.project_id = $1 AND i.label_count > 0 AND i.label_count < coalesce(i.target_overlap, p.overlap)) AS in_progress,
       (SELECT count(*) FROM tasks WHERE project_id = $1 AND status = 'leased' AND expires_at > now()) AS leases;

-- review.upsert-adjudication
INSERT INTO adjudications (project_id, item_id, lead_id, content, rationale) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (item_id) DO UPDATE SET lead_id = EXCLUDED.lead_id, content = EXCLUDED.content, rationale = EXCLUDED.rationale, updated_at = now();
