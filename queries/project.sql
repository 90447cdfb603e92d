-- Written by `npm run queries` from the repositories; do not edit.

-- project.delete-membership
DELETE FROM project_members WHERE project_id = $1 AND user_id = $2;

-- project.has-labels
SELECT 1 FROM labels WHERE project_id = $1 LIMIT 1;

-- project.is-routed-to
SELECT 1 WHERE EXISTS (SELECT 1 FROM tasks a WHERE a.project_id = $1 AND a.annotator_id = $2)
OR EXISTS (SELECT 1 FROM items i WHERE i.project_id = $1
              AND (cardinality($3::text[]) = 0 OR i.language = ANY($3))
              AND (cardinality($4::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($4)));

-- project.members
SELECT u.id, u.username, u.display_name, u.languages, u.specialties, m.status, m.quota,
      (SELECT count(*)::int FROM tasks a WHERE a.project_id = $1 AND a.annotator_id = u.id AND a.status = 'submitted') AS submitted
 FROM users u LEFT JOIN project_members m ON m.project_id = $1 AND m.user_id = u.id
WHERE u.role = 'annotator' AND u.kind = 'human' AND (u.active OR m.user_id IS NOT NULL)
ORDER BY lower(u.username);

-- project.membership
SELECT status, quota FROM project_members WHERE project_id = $1 AND user_id = $2;

-- project.set-members-only
UPDATE projects SET settings = settings || jsonb_build_object('membersOnly', $2::boolean) WHERE id = $1;

-- project.upsert-membership
INSERT INTO project_members (project_id, user_id, status, quota) VALUES ($1, $2, $3, $4)
ON CONFLICT (project_id, user_id) DO UPDATE SET status = EXCLUDED.status, quota = EXCLUDED.quota, updated_at = now();
