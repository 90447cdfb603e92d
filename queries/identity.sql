-- Written by `npm run queries` from the repositories; do not edit.

-- identity.count-users
SELECT count(*)::int AS count FROM users;

-- identity.demo-usernames
SELECT username FROM users WHERE is_demo AND active ORDER BY created_at;

-- identity.id-by-username
SELECT id FROM users WHERE lower(username) = lower($1);

-- identity.insert-external-annotator
INSERT INTO users (username, display_name, role, kind) VALUES ($1, $2, 'annotator', $3)
ON CONFLICT (lower(username)) DO UPDATE SET updated_at = users.updated_at RETURNING id;

-- identity.listen-session-changes
LISTEN clinrank_session_users;

-- identity.lock-active-admins
SELECT id FROM users WHERE role = 'admin' AND active AND kind = 'human' ORDER BY id FOR UPDATE;

-- identity.record-login-attempt
INSERT INTO login_attempts (username, ip, succeeded) VALUES ($1, $2, $3);

-- identity.revoke-tokens
UPDATE users SET token_version = token_version + 1 WHERE id = $1;

-- identity.session-user
SELECT id, username, role, active, token_version, languages, specialties FROM users WHERE id = $1;

-- identity.throttle-forget
DELETE FROM login_throttle WHERE key = $1;

-- identity.throttle-give-back
UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = $1;

-- identity.throttle-prune
DELETE FROM login_throttle WHERE window_started <= now() - make_interval(secs => $1);

-- identity.throttle-reserve
INSERT INTO login_throttle AS t (key, failures, window_started) VALUES ($1, 1, now())
ON CONFLICT (key) DO UPDATE SET
  failures = CASE WHEN t.window_started <= now() - make_interval(secs => $2) THEN 1 ELSE t.failures + 1 END,
  window_started = CASE WHEN t.window_started <= now() - make_interval(secs => $2) THEN now() ELSE t.window_started END
RETURNING failures;

-- identity.username-taken
SELECT 1 FROM users WHERE lower(username) = lower($1);
