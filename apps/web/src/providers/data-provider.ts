import { gql } from '@apollo/client/core';
import type { DataProvider, GetListParams, RaRecord } from 'react-admin';
import { gqlMutate, gqlQuery } from './graphql-client.js';

// A small hand-written provider: ra-data-graphql's introspection expects allX/_allXMeta/createX conventions,
// while our schema has domain-named operations (projects, users(…) → UserPage, auditLog → AuditPage, disagreements).
const PROJECT_FIELDS = `id slug name kind criteria overlap adaptiveOverlap { min max confidence } goldRate languages specialties allowTies requireRationale scaleMin scaleMax leaseSeconds locked guidelineVersion createdAt currentGuidelines { version markdown }`;
const USER_FIELDS = `id username displayName role kind languages specialties active createdAt`;

const PROJECTS = gql`query Projects { projects { ${PROJECT_FIELDS} } }`;
const PROJECT = gql`query Project($id: String!) { project(id: $id) { ${PROJECT_FIELDS} } }`;
const CREATE_PROJECT = gql`mutation CreateProject($input: CreateProjectInput!) { createProject(input: $input) { ${PROJECT_FIELDS} } }`;
const UPDATE_PROJECT = gql`mutation UpdateProject($input: UpdateProjectInput!) { updateProject(input: $input) { ${PROJECT_FIELDS} } }`;
const UPDATE_GUIDELINES = gql`mutation UpdateGuidelines($input: UpdateGuidelinesInput!) { updateGuidelines(input: $input) { ${PROJECT_FIELDS} } }`;
const SET_LOCKED = gql`mutation SetLocked($id: ID!, $locked: Boolean!) { setProjectLocked(id: $id, locked: $locked) { ${PROJECT_FIELDS} } }`;
const USERS = gql`query Users($limit: Int!, $offset: Int!, $role: Role, $search: String) { users(limit: $limit, offset: $offset, role: $role, search: $search) { total users { ${USER_FIELDS} } } }`;
const USER = gql`query User($id: String!) { user(id: $id) { ${USER_FIELDS} } }`;
const CREATE_USER = gql`mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`;
const UPDATE_USER = gql`mutation UpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { ${USER_FIELDS} } }`;
const AUDIT = gql`
  query Audit(
    $limit: Int!
    $offset: Int!
    $actor: String
    $action: String
    $entityType: String
    $projectId: String
    $from: DateTime
    $to: DateTime
  ) {
    auditLog(
      limit: $limit
      offset: $offset
      actor: $actor
      action: $action
      entityType: $entityType
      projectId: $projectId
      from: $from
      to: $to
    ) {
      total
      entries {
        id
        at
        actor
        actorName
        action
        entityType
        entityId
        entityName
        projectId
        projectName
        summary
        details
      }
    }
  }
`;
const DISAGREEMENTS = gql`
  query Disagreements($projectId: ID!, $criterion: String!, $limit: Int!, $offset: Int!) {
    disagreements(projectId: $projectId, criterion: $criterion, limit: $limit, offset: $offset) {
      total
      rows {
        itemId
        externalId
        language
        specialty
        agreement
        majority
        majorityLabel
        majorityExcerpt
        labels
        adjudicated
      }
    }
  }
`;

type Row = RaRecord & Record<string, unknown>;

function pageOf(params: GetListParams): { limit: number; offset: number } {
  const { page = 1, perPage = 25 } = params.pagination ?? {};
  return { limit: perPage, offset: (page - 1) * perPage };
}

/** The audit page's filters as API arguments; a "to" date includes that whole day. */
export function auditFilterVariables(filter: Record<string, unknown>): Record<string, string | undefined> {
  const text = (key: string) => (typeof filter[key] === 'string' && filter[key] ? (filter[key] as string) : undefined);
  const to = text('to');
  const dayAfter =
    to && /^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString() : to;
  return {
    actor: text('actor'),
    action: text('action'),
    entityType: text('entityType'),
    projectId: text('projectId'),
    from: text('from'),
    to: dayAfter,
  };
}

/** Sorts, filters (q = substring) and pages a list the API returns whole. */
function sliceLocally(rows: Row[], params: GetListParams): { data: Row[]; total: number } {
  const { q, ...filters } = (params.filter ?? {}) as Record<string, unknown>;
  let kept = rows.filter((row) =>
    Object.entries(filters).every(([key, value]) => value === undefined || value === '' || row[key] === value),
  );
  if (typeof q === 'string' && q)
    kept = kept.filter((row) => JSON.stringify(row).toLowerCase().includes(q.toLowerCase()));
  const { field = 'id', order = 'ASC' } = params.sort ?? {};
  kept = [...kept].sort(
    (x, y) =>
      String(x[field] ?? '').localeCompare(String(y[field] ?? ''), undefined, { numeric: true }) *
      (order === 'ASC' ? 1 : -1),
  );
  const { limit, offset } = pageOf(params);
  return { data: kept.slice(offset, offset + limit), total: kept.length };
}

function emptyToUndefined(value: unknown): unknown {
  return value === '' || value === null ? undefined : value;
}

function projectInput(data: Row): Record<string, unknown> {
  const keys = [
    'name',
    'criteria',
    'overlap',
    'goldRate',
    'languages',
    'specialties',
    'allowTies',
    'requireRationale',
    'scaleMin',
    'scaleMax',
    'leaseSeconds',
  ];
  const input: Record<string, unknown> = {};
  for (const key of keys) if (emptyToUndefined(data[key]) !== undefined) input[key] = data[key];
  const adaptive = data.adaptiveOverlap as { max?: number; confidence?: number } | null | undefined;
  if (data.adaptive)
    input.adaptiveOverlap = {
      min: Number(data.overlap),
      max: Number(adaptive?.max ?? data.overlap),
      confidence: Number(adaptive?.confidence ?? DEFAULT_CONFIDENCE),
    };
  else if (data.adaptive === false) input.adaptiveOverlap = null;
  return input;
}

/** The API's default confidence for adaptive overlap (DEFAULT_OVERLAP_CONFIDENCE in @clinrank/agreement). */
const DEFAULT_CONFIDENCE = 0.75;

/** A project as the forms read it: `adaptive` switches adaptive overlap on. */
function projectRecord(project: Row): Row {
  const overlap = Number(project.overlap);
  return {
    ...project,
    adaptive: Boolean(project.adaptiveOverlap),
    // What the form proposes when a lead switches adaptive overlap on.
    adaptiveOverlap: project.adaptiveOverlap ?? {
      min: overlap,
      max: Math.max(5, overlap),
      confidence: DEFAULT_CONFIDENCE,
    },
  };
}

async function getList(resource: string, params: GetListParams): Promise<{ data: Row[]; total: number }> {
  const filter = (params.filter ?? {}) as Record<string, string | undefined>;
  switch (resource) {
    case 'projects': {
      const { projects } = await gqlQuery<{ projects: Row[] }>(PROJECTS);
      return sliceLocally(projects.map(projectRecord), params);
    }
    case 'users': {
      const { users } = await gqlQuery<{ users: { total: number; users: Row[] } }>(USERS, {
        ...pageOf(params),
        role: filter.role || undefined,
        search: filter.q || undefined,
      });
      return { data: users.users, total: users.total };
    }
    case 'audit': {
      const variables = { ...pageOf(params), ...auditFilterVariables(filter) };
      const { auditLog } = await gqlQuery<{ auditLog: { total: number; entries: Row[] } }>(AUDIT, variables);
      return { data: auditLog.entries, total: auditLog.total };
    }
    case 'disagreements': {
      if (!filter.projectId) return { data: [], total: 0 };
      const { disagreements } = await gqlQuery<{ disagreements: { total: number; rows: Row[] } }>(DISAGREEMENTS, {
        ...pageOf(params),
        projectId: filter.projectId,
        criterion: filter.criterion || 'overall',
      });
      return {
        data: disagreements.rows.map((row) => ({ ...row, id: row.itemId as string })),
        total: disagreements.total,
      };
    }
    default:
      throw new Error(`Unknown resource ${resource}`);
  }
}

async function getOne(resource: string, id: string): Promise<Row> {
  if (resource === 'projects') return projectRecord((await gqlQuery<{ project: Row }>(PROJECT, { id })).project);
  if (resource === 'users') return (await gqlQuery<{ user: Row }>(USER, { id })).user;
  throw new Error(`Unknown resource ${resource}`);
}

async function create(resource: string, data: Row): Promise<Row> {
  if (resource === 'projects') {
    const input = {
      ...projectInput(data),
      slug: data.slug,
      kind: data.kind,
      guidelines: emptyToUndefined(data.guidelines),
    };
    return projectRecord((await gqlMutate<{ createProject: Row }>(CREATE_PROJECT, { input })).createProject);
  }
  if (resource === 'users') {
    const input = {
      username: data.username,
      password: data.password,
      role: data.role,
      displayName: emptyToUndefined(data.displayName),
      languages: data.languages ?? [],
      specialties: data.specialties ?? [],
    };
    return (await gqlMutate<{ createUser: Row }>(CREATE_USER, { input })).createUser;
  }
  throw new Error(`Unknown resource ${resource}`);
}

async function update(resource: string, id: string, data: Row, previous: Row): Promise<Row> {
  if (resource === 'projects') {
    let project = (await gqlMutate<{ updateProject: Row }>(UPDATE_PROJECT, { input: { id, ...projectInput(data) } }))
      .updateProject;
    const markdown = (data.currentGuidelines as { markdown?: string } | undefined)?.markdown;
    const before = (previous?.currentGuidelines as { markdown?: string } | undefined)?.markdown;
    if (markdown !== undefined && markdown !== before)
      project = (await gqlMutate<{ updateGuidelines: Row }>(UPDATE_GUIDELINES, { input: { projectId: id, markdown } }))
        .updateGuidelines;
    if (typeof data.locked === 'boolean' && data.locked !== previous?.locked)
      project = (await gqlMutate<{ setProjectLocked: Row }>(SET_LOCKED, { id, locked: data.locked })).setProjectLocked;
    return projectRecord(project);
  }
  if (resource === 'users') {
    const input = {
      id,
      displayName: data.displayName,
      role: data.role,
      languages: data.languages,
      specialties: data.specialties,
      active: data.active,
    };
    return (await gqlMutate<{ updateUser: Row }>(UPDATE_USER, { input })).updateUser;
  }
  throw new Error(`Unknown resource ${resource}`);
}

function unsupported(what: string): never {
  throw new Error(`${what} is not supported`);
}

/** React-Admin data provider over the clinrank GraphQL API. */
export const dataProvider: DataProvider = {
  getList: (resource, params) => getList(resource, params) as never,
  getOne: async (resource, params) => ({ data: (await getOne(resource, String(params.id))) as never }),
  getMany: async (resource, params) => ({
    data: (await Promise.all(params.ids.map((id) => getOne(resource, String(id))))) as never,
  }),
  getManyReference: async (resource, params) =>
    getList(resource, { ...params, filter: { ...params.filter, [params.target]: params.id } }) as never,
  create: async (resource, params) => ({ data: (await create(resource, params.data as Row)) as never }),
  update: async (resource, params) => ({
    data: (await update(resource, String(params.id), params.data as Row, params.previousData as Row)) as never,
  }),
  updateMany: () => unsupported('updateMany'),
  delete: () => unsupported('delete'),
  deleteMany: () => unsupported('deleteMany'),
};
