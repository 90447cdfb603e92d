import { randomUUID } from 'node:crypto';

/** A tiny GraphQL client for the tests' own checks through the API. */
export async function graphql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '));
  return body.data as T;
}

/** Logs in and returns the bearer token. */
export async function login(url: string, username: string, password = 'demo'): Promise<string> {
  const data = await graphql<{ login: { token: string } }>(
    url,
    'mutation($input: LoginInput!) { login(input: $input) { token } }',
    { input: { username, password } },
  );
  return data.login.token;
}

/** Project ids by slug, as a lead sees them. */
export async function projectIds(url: string, leadToken: string): Promise<Record<string, string>> {
  const data = await graphql<{ projects: { id: string; slug: string }[] }>(
    url,
    '{ projects { id slug } }',
    {},
    leadToken,
  );
  return Object.fromEntries(data.projects.map((project) => [project.slug, project.id]));
}

/** Submits `content` as the signed-in annotator's label for a leased task, as the workspace does (a fresh submission id). */
export async function submitLabel(url: string, token: string, taskId: string, content: unknown): Promise<void> {
  await graphql(
    url,
    'mutation($input: SubmitLabelInput!) { submitLabel(input: $input) { duplicate } }',
    { input: { taskId, submissionId: randomUUID(), content, flags: [], timeSpentMs: 1000 } },
    token,
  );
}
