-- Written by `npm run queries` from the repositories; do not edit.

-- label.by-submission-id
SELECT row_to_json(l) AS existing FROM labels l WHERE l.submission_id = $1;

-- label.delete
DELETE FROM labels WHERE id = $1;

-- label.insert-submitted-with-audit
WITH label AS (
  INSERT INTO labels (project_id, item_id, annotator_id, assignment_id, submission_id, kind, content, flags, rationale, rewrite,
                      time_spent_ms, display_order, guideline_version, origin, pair_key, ui_direction)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'ui', $14, $15)
  RETURNING *
), task AS (
  UPDATE assignments SET status = 'submitted', finished_at = now() WHERE id = $4
), item AS (
  UPDATE items SET label_count = label_count + 1 WHERE id = $2
), audit AS (
  INSERT INTO audit_log (actor, actor_user_id, action, entity_type, entity_id, project_id, after, details)
  SELECT $16, $17, 'label.create', 'label', label.id::text, label.project_id, $18, $19 FROM label
)
SELECT * FROM label;

-- label.lock-task-for-submission
SELECT a.id, a.status, a.annotator_id, a.project_id, a.item_id, a.display_order, a.expires_at <= now() AS expired,
      (SELECT row_to_json(l) FROM labels l WHERE l.submission_id = $2) AS existing,
      row_to_json(p) AS project
 FROM assignments a JOIN projects p ON p.id = a.project_id
WHERE a.id = $1
FOR UPDATE OF a;
