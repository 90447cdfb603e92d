import type { DataProvider, GetListParams, RaRecord } from 'react-admin';
import { graphql } from '../workspace/gql/index.js';
import type {
  AuditQuery,
  CreateProjectInput,
  CreateUserInput,
  DisagreementsQuery,
  ProjectFieldsFragment,
  OverlapCriteria,
  Role,
  TaskKind,
  UpdateProjectInput,
  UpdateUserInput,
} from '../workspace/gql/graphql.js';
import { gqlMutate, gqlQuery } from './graphql-client.js';

// A small hand-written provider: ra-data-graphql's introspection expects allX/_allXMeta/createX conventions,
// while our schema has domain-named operations (projects, users(…) → UserPage, auditLog → AuditPage, disagreements).
// Its documents are typed by `npm run codegen`, like every other document of the web.
graphql(`
  fragment ProjectFields on Project {
    id
    slug
    name
    kind
    criteria
    overlap
    adaptiveOverlap {
      min
      max
      confidence
      criteria
    }
    goldRate
    languages
    specialties
    allowTies
    requireRationale
    scaleMin
    scaleMax
    leaseSeconds
    locked
    queueOrder
    guidelineVersion
    createdAt
    currentGuidelines {
      version
      markdown
    }
  }
`);
graphql(`
  fragment UserFields on User {
    id
    username
    displayName
    role
    kind
    languages
    specialties
    active
    createdAt
  }
`);

const PROJECTS = graphql(`
  query Projects {
    projects {
      ...ProjectFields
    }
  }
`);
const PROJECT = graphql(`
  query Project($id: String!) {
    project(id: $id) {
      ...ProjectFields
    }
  }
`);
const CREATE_PROJECT = graphql(`
  mutation CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      ...ProjectFields
    }
  }
`);
const UPDATE_PROJECT = graphql(`
  mutation UpdateProject($input: UpdateProjectInput!) {
    updateProject(input: $input) {
      ...ProjectFields
    }
  }
`);
const UPDATE_GUIDELINES = graphql(`
  mutation UpdateGuidelines($input: UpdateGuidelinesInput!) {
    updateGuidelines(input: $input) {
      ...ProjectFields
    }
  }
`);
const SET_LOCKED = graphql(`
  mutation SetLocked($id: ID!, $locked: Boolean!) {
    setProjectLocked(id: $id, locked: $locked) {
      ...ProjectFields
    }
  }
`);
const USERS = graphql(`
  query Users($limit: Int!, $offset: Int!, $role: Role, $search: String) {
    users(limit: $limit, offset: $offset, role: $role, search: $search) {
      total
      users {
        ...UserFields
      }
    }
  }
`);
const USER = graphql(`
  query User($id: String!) {
    user(id: $id) {
      ...UserFields
    }
  }
`);
const CREATE_USER = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      ...UserFields
    }
  }
`);
const UPDATE_USER = graphql(`
  mutation UpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      ...UserFields
    }
  }
`);
const AUDIT = graphql(`
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
`);
const DISAGREEMENTS = graphql(`
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
`);

/** A record of each resource, as the lists and forms receive it. */
export type ProjectRecord = ProjectFieldsFragment;
export type AuditRecord = AuditQuery['auditLog']['entries'][number];
export type DisagreementRecord = DisagreementsQuery['disagreements']['rows'][number] & { id: string };

/** What a React-Admin form sends: untyped values, checked by the API. */
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
function sliceLocally<T extends RaRecord>(rows: T[], params: GetListParams): { data: T[]; total: number } {
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

function emptyToUndefined<T>(value: T): Exclude<T, ''> | undefined {
  return value === '' || value === null ? undefined : (value as Exclude<T, ''>);
}

/** The editable settings a project form sent (React-Admin form values are untyped); empty fields are left out. */
function projectInput(data: Row): Omit<UpdateProjectInput, 'id'> {
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
  ] as const;
  const input: Record<string, unknown> = {};
  for (const key of keys) if (emptyToUndefined(data[key]) !== undefined) input[key] = data[key];
  const adaptive = data.adaptiveOverlap as
    { max?: number; confidence?: number; criteria?: OverlapCriteria | null } | null | undefined;
  if (data.adaptive)
    input.adaptiveOverlap = {
      min: Number(data.overlap),
      max: Number(adaptive?.max ?? data.overlap),
      confidence: Number(adaptive?.confidence ?? DEFAULT_CONFIDENCE),
      criteria: adaptive?.criteria ?? 'OVERALL',
    };
  else if (data.adaptive === false) input.adaptiveOverlap = null;
  if (typeof data.uncertaintyFirst === 'boolean') input.queueOrder = data.uncertaintyFirst ? 'uncertainty' : 'fixed';
  return input as Omit<UpdateProjectInput, 'id'>;
}

/** The API's default confidence for adaptive overlap (DEFAULT_OVERLAP_CONFIDENCE in @clinrank/agreement). */
const DEFAULT_CONFIDENCE = 0.75;

/** A project as the forms read it: `adaptive` switches adaptive overlap on, `uncertaintyFirst` the queue's order. */
function projectRecord(project: ProjectRecord): ProjectRecord & { adaptive: boolean; uncertaintyFirst: boolean } {
  const overlap = Number(project.overlap);
  return {
    ...project,
    adaptive: Boolean(project.adaptiveOverlap),
    uncertaintyFirst: project.queueOrder === 'uncertainty',
    // What the form proposes when a lead switches adaptive overlap on.
    adaptiveOverlap: project.adaptiveOverlap ?? {
      min: overlap,
      max: Math.max(5, overlap),
      confidence: DEFAULT_CONFIDENCE,
      criteria: 'OVERALL',
    },
  };
}

async function getList(resource: string, params: GetListParams): Promise<{ data: RaRecord[]; total: number }> {
  const filter = (params.filter ?? {}) as Record<string, string | undefined>;
  switch (resource) {
    case 'projects': {
      const { projects } = await gqlQuery(PROJECTS);
      return sliceLocally(projects.map(projectRecord), params);
    }
    case 'users': {
      const { users } = await gqlQuery(USERS, {
        ...pageOf(params),
        role: (filter.role || undefined) as Role | undefined,
        search: filter.q || undefined,
      });
      return { data: users.users, total: users.total };
    }
    case 'audit': {
      const variables = { ...pageOf(params), ...auditFilterVariables(filter) };
      const { auditLog } = await gqlQuery(AUDIT, variables);
      return { data: auditLog.entries, total: auditLog.total };
    }
    case 'disagreements': {
      if (!filter.projectId) return { data: [], total: 0 };
      const { disagreements } = await gqlQuery(DISAGREEMENTS, {
        ...pageOf(params),
        projectId: filter.projectId,
        criterion: filter.criterion || 'overall',
      });
      return {
        data: disagreements.rows.map((row) => ({ ...row, id: row.itemId })),
        total: disagreements.total,
      };
    }
    default:
      throw new Error(`Unknown resource ${resource}`);
  }
}

async function getOne(resource: string, id: string): Promise<RaRecord> {
  if (resource === 'projects') return projectRecord((await gqlQuery(PROJECT, { id })).project);
  if (resource === 'users') return (await gqlQuery(USER, { id })).user;
  throw new Error(`Unknown resource ${resource}`);
}

async function create(resource: string, data: Row): Promise<RaRecord> {
  if (resource === 'projects') {
    // The form requires a name; an empty one is left out, and the API names the missing field.
    const input = {
      ...projectInput(data),
      slug: data.slug as string,
      kind: data.kind as TaskKind,
      guidelines: emptyToUndefined(data.guidelines as string | undefined),
    } as CreateProjectInput;
    return projectRecord((await gqlMutate(CREATE_PROJECT, { input })).createProject);
  }
  if (resource === 'users') {
    const input = {
      username: data.username as string,
      password: data.password as string,
      role: data.role as Role,
      displayName: emptyToUndefined(data.displayName as string | undefined),
      languages: (data.languages as string[] | undefined) ?? [],
      specialties: (data.specialties as string[] | undefined) ?? [],
    } satisfies CreateUserInput;
    return (await gqlMutate(CREATE_USER, { input })).createUser;
  }
  throw new Error(`Unknown resource ${resource}`);
}

async function update(resource: string, id: string, data: Row, previous: Row): Promise<RaRecord> {
  if (resource === 'projects') {
    let project = (await gqlMutate(UPDATE_PROJECT, { input: { id, ...projectInput(data) } })).updateProject;
    const markdown = (data.currentGuidelines as { markdown?: string } | undefined)?.markdown;
    const before = (previous?.currentGuidelines as { markdown?: string } | undefined)?.markdown;
    if (markdown !== undefined && markdown !== before)
      project = (await gqlMutate(UPDATE_GUIDELINES, { input: { projectId: id, markdown } })).updateGuidelines;
    if (typeof data.locked === 'boolean' && data.locked !== previous?.locked)
      project = (await gqlMutate(SET_LOCKED, { id, locked: data.locked })).setProjectLocked;
    return projectRecord(project);
  }
  if (resource === 'users') {
    const input = {
      id,
      displayName: data.displayName as string | undefined,
      role: data.role as Role | undefined,
      languages: data.languages as string[] | undefined,
      specialties: data.specialties as string[] | undefined,
      active: data.active as boolean | undefined,
    } satisfies UpdateUserInput;
    return (await gqlMutate(UPDATE_USER, { input })).updateUser;
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
