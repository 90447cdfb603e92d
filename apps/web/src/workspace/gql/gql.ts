/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      expiresAt\n      user {\n        id\n        username\n        displayName\n        role\n        languages\n        specialties\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  fragment ProjectFields on Project {\n    id\n    slug\n    name\n    kind\n    criteria\n    overlap\n    adaptiveOverlap {\n      min\n      max\n      confidence\n      criteria\n    }\n    goldRate\n    languages\n    specialties\n    allowTies\n    requireRationale\n    scaleMin\n    scaleMax\n    leaseSeconds\n    locked\n    queueOrder\n    guidelineVersion\n    createdAt\n    currentGuidelines {\n      version\n      markdown\n    }\n  }\n": typeof types.ProjectFieldsFragmentDoc,
    "\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    role\n    kind\n    languages\n    specialties\n    active\n    createdAt\n  }\n": typeof types.UserFieldsFragmentDoc,
    "\n  query Projects {\n    projects {\n      ...ProjectFields\n    }\n  }\n": typeof types.ProjectsDocument,
    "\n  query Project($id: String!) {\n    project(id: $id) {\n      ...ProjectFields\n    }\n  }\n": typeof types.ProjectDocument,
    "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      ...ProjectFields\n    }\n  }\n": typeof types.CreateProjectDocument,
    "\n  mutation UpdateProject($input: UpdateProjectInput!) {\n    updateProject(input: $input) {\n      ...ProjectFields\n    }\n  }\n": typeof types.UpdateProjectDocument,
    "\n  mutation UpdateGuidelines($input: UpdateGuidelinesInput!) {\n    updateGuidelines(input: $input) {\n      ...ProjectFields\n    }\n  }\n": typeof types.UpdateGuidelinesDocument,
    "\n  mutation SetLocked($id: ID!, $locked: Boolean!) {\n    setProjectLocked(id: $id, locked: $locked) {\n      ...ProjectFields\n    }\n  }\n": typeof types.SetLockedDocument,
    "\n  query Users($limit: Int!, $offset: Int!, $role: Role, $search: String) {\n    users(limit: $limit, offset: $offset, role: $role, search: $search) {\n      total\n      users {\n        ...UserFields\n      }\n    }\n  }\n": typeof types.UsersDocument,
    "\n  query User($id: String!) {\n    user(id: $id) {\n      ...UserFields\n    }\n  }\n": typeof types.UserDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      ...UserFields\n    }\n  }\n": typeof types.UpdateUserDocument,
    "\n  query Audit(\n    $limit: Int!\n    $offset: Int!\n    $actor: String\n    $action: String\n    $entityType: String\n    $projectId: String\n    $from: DateTime\n    $to: DateTime\n  ) {\n    auditLog(\n      limit: $limit\n      offset: $offset\n      actor: $actor\n      action: $action\n      entityType: $entityType\n      projectId: $projectId\n      from: $from\n      to: $to\n    ) {\n      total\n      entries {\n        id\n        at\n        actor\n        actorName\n        action\n        entityType\n        entityId\n        entityName\n        projectId\n        projectName\n        summary\n        details\n      }\n    }\n  }\n": typeof types.AuditDocument,
    "\n  query Disagreements($projectId: ID!, $criterion: String!, $limit: Int!, $offset: Int!) {\n    disagreements(projectId: $projectId, criterion: $criterion, limit: $limit, offset: $offset) {\n      total\n      rows {\n        itemId\n        externalId\n        language\n        specialty\n        agreement\n        majority\n        majorityLabel\n        majorityExcerpt\n        labels\n        adjudicated\n      }\n    }\n  }\n": typeof types.DisagreementsDocument,
    "\n  fragment TaskProjectFields on TaskProject {\n    id\n    slug\n    name\n    kind\n    criteria\n    scaleMin\n    scaleMax\n    allowTies\n    requireRationale\n    guidelineVersion\n  }\n": typeof types.TaskProjectFieldsFragmentDoc,
    "\n  fragment TaskFields on Task {\n    taskId\n    language\n    specialty\n    prompt\n    expiresAt\n    project {\n      ...TaskProjectFields\n    }\n    messages {\n      role\n      content\n    }\n    responses {\n      id\n      label\n      text\n    }\n  }\n": typeof types.TaskFieldsFragmentDoc,
    "\n  query NextTask($projectId: ID) {\n    nextTask(projectId: $projectId) {\n      ...TaskFields\n    }\n  }\n": typeof types.NextTaskDocument,
    "\n  query NextTaskExcluding($projectId: ID, $exclude: [ID!]) {\n    nextTask(projectId: $projectId, exclude: $exclude) {\n      ...TaskFields\n    }\n  }\n": typeof types.NextTaskExcludingDocument,
    "\n  query MyProjects($include: ID) {\n    myProjects(include: $include) {\n      remaining\n      project {\n        ...TaskProjectFields\n      }\n    }\n  }\n": typeof types.MyProjectsDocument,
    "\n  query MyProgress($projectId: ID, $timeZone: String) {\n    myProgress(projectId: $projectId, timeZone: $timeZone) {\n      doneToday\n      doneTotal\n      remaining\n      projectRemaining\n    }\n  }\n": typeof types.MyProgressDocument,
    "\n  mutation Submit($input: SubmitLabelInput!) {\n    submitLabel(input: $input) {\n      duplicate\n      label {\n        id\n      }\n    }\n  }\n": typeof types.SubmitDocument,
    "\n  mutation SubmitAndNext($input: SubmitLabelInput!, $next: NextTaskInput!) {\n    submitLabel(input: $input, next: $next) {\n      duplicate\n      label {\n        id\n      }\n      next {\n        ...TaskFields\n      }\n    }\n  }\n": typeof types.SubmitAndNextDocument,
    "\n  mutation Skip($input: SkipTaskInput!) {\n    skipTask(input: $input)\n  }\n": typeof types.SkipDocument,
    "\n  mutation Retract($labelId: ID!) {\n    retractLabel(labelId: $labelId)\n  }\n": typeof types.RetractDocument,
    "\n  query Guidelines($projectId: ID!, $version: Int) {\n    guidelines(projectId: $projectId, version: $version) {\n      version\n      markdown\n    }\n  }\n": typeof types.GuidelinesDocument,
};
const documents: Documents = {
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      expiresAt\n      user {\n        id\n        username\n        displayName\n        role\n        languages\n        specialties\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  fragment ProjectFields on Project {\n    id\n    slug\n    name\n    kind\n    criteria\n    overlap\n    adaptiveOverlap {\n      min\n      max\n      confidence\n      criteria\n    }\n    goldRate\n    languages\n    specialties\n    allowTies\n    requireRationale\n    scaleMin\n    scaleMax\n    leaseSeconds\n    locked\n    queueOrder\n    guidelineVersion\n    createdAt\n    currentGuidelines {\n      version\n      markdown\n    }\n  }\n": types.ProjectFieldsFragmentDoc,
    "\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    role\n    kind\n    languages\n    specialties\n    active\n    createdAt\n  }\n": types.UserFieldsFragmentDoc,
    "\n  query Projects {\n    projects {\n      ...ProjectFields\n    }\n  }\n": types.ProjectsDocument,
    "\n  query Project($id: String!) {\n    project(id: $id) {\n      ...ProjectFields\n    }\n  }\n": types.ProjectDocument,
    "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      ...ProjectFields\n    }\n  }\n": types.CreateProjectDocument,
    "\n  mutation UpdateProject($input: UpdateProjectInput!) {\n    updateProject(input: $input) {\n      ...ProjectFields\n    }\n  }\n": types.UpdateProjectDocument,
    "\n  mutation UpdateGuidelines($input: UpdateGuidelinesInput!) {\n    updateGuidelines(input: $input) {\n      ...ProjectFields\n    }\n  }\n": types.UpdateGuidelinesDocument,
    "\n  mutation SetLocked($id: ID!, $locked: Boolean!) {\n    setProjectLocked(id: $id, locked: $locked) {\n      ...ProjectFields\n    }\n  }\n": types.SetLockedDocument,
    "\n  query Users($limit: Int!, $offset: Int!, $role: Role, $search: String) {\n    users(limit: $limit, offset: $offset, role: $role, search: $search) {\n      total\n      users {\n        ...UserFields\n      }\n    }\n  }\n": types.UsersDocument,
    "\n  query User($id: String!) {\n    user(id: $id) {\n      ...UserFields\n    }\n  }\n": types.UserDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      ...UserFields\n    }\n  }\n": types.UpdateUserDocument,
    "\n  query Audit(\n    $limit: Int!\n    $offset: Int!\n    $actor: String\n    $action: String\n    $entityType: String\n    $projectId: String\n    $from: DateTime\n    $to: DateTime\n  ) {\n    auditLog(\n      limit: $limit\n      offset: $offset\n      actor: $actor\n      action: $action\n      entityType: $entityType\n      projectId: $projectId\n      from: $from\n      to: $to\n    ) {\n      total\n      entries {\n        id\n        at\n        actor\n        actorName\n        action\n        entityType\n        entityId\n        entityName\n        projectId\n        projectName\n        summary\n        details\n      }\n    }\n  }\n": types.AuditDocument,
    "\n  query Disagreements($projectId: ID!, $criterion: String!, $limit: Int!, $offset: Int!) {\n    disagreements(projectId: $projectId, criterion: $criterion, limit: $limit, offset: $offset) {\n      total\n      rows {\n        itemId\n        externalId\n        language\n        specialty\n        agreement\n        majority\n        majorityLabel\n        majorityExcerpt\n        labels\n        adjudicated\n      }\n    }\n  }\n": types.DisagreementsDocument,
    "\n  fragment TaskProjectFields on TaskProject {\n    id\n    slug\n    name\n    kind\n    criteria\n    scaleMin\n    scaleMax\n    allowTies\n    requireRationale\n    guidelineVersion\n  }\n": types.TaskProjectFieldsFragmentDoc,
    "\n  fragment TaskFields on Task {\n    taskId\n    language\n    specialty\n    prompt\n    expiresAt\n    project {\n      ...TaskProjectFields\n    }\n    messages {\n      role\n      content\n    }\n    responses {\n      id\n      label\n      text\n    }\n  }\n": types.TaskFieldsFragmentDoc,
    "\n  query NextTask($projectId: ID) {\n    nextTask(projectId: $projectId) {\n      ...TaskFields\n    }\n  }\n": types.NextTaskDocument,
    "\n  query NextTaskExcluding($projectId: ID, $exclude: [ID!]) {\n    nextTask(projectId: $projectId, exclude: $exclude) {\n      ...TaskFields\n    }\n  }\n": types.NextTaskExcludingDocument,
    "\n  query MyProjects($include: ID) {\n    myProjects(include: $include) {\n      remaining\n      project {\n        ...TaskProjectFields\n      }\n    }\n  }\n": types.MyProjectsDocument,
    "\n  query MyProgress($projectId: ID, $timeZone: String) {\n    myProgress(projectId: $projectId, timeZone: $timeZone) {\n      doneToday\n      doneTotal\n      remaining\n      projectRemaining\n    }\n  }\n": types.MyProgressDocument,
    "\n  mutation Submit($input: SubmitLabelInput!) {\n    submitLabel(input: $input) {\n      duplicate\n      label {\n        id\n      }\n    }\n  }\n": types.SubmitDocument,
    "\n  mutation SubmitAndNext($input: SubmitLabelInput!, $next: NextTaskInput!) {\n    submitLabel(input: $input, next: $next) {\n      duplicate\n      label {\n        id\n      }\n      next {\n        ...TaskFields\n      }\n    }\n  }\n": types.SubmitAndNextDocument,
    "\n  mutation Skip($input: SkipTaskInput!) {\n    skipTask(input: $input)\n  }\n": types.SkipDocument,
    "\n  mutation Retract($labelId: ID!) {\n    retractLabel(labelId: $labelId)\n  }\n": types.RetractDocument,
    "\n  query Guidelines($projectId: ID!, $version: Int) {\n    guidelines(projectId: $projectId, version: $version) {\n      version\n      markdown\n    }\n  }\n": types.GuidelinesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      expiresAt\n      user {\n        id\n        username\n        displayName\n        role\n        languages\n        specialties\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      expiresAt\n      user {\n        id\n        username\n        displayName\n        role\n        languages\n        specialties\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProjectFields on Project {\n    id\n    slug\n    name\n    kind\n    criteria\n    overlap\n    adaptiveOverlap {\n      min\n      max\n      confidence\n      criteria\n    }\n    goldRate\n    languages\n    specialties\n    allowTies\n    requireRationale\n    scaleMin\n    scaleMax\n    leaseSeconds\n    locked\n    queueOrder\n    guidelineVersion\n    createdAt\n    currentGuidelines {\n      version\n      markdown\n    }\n  }\n"): (typeof documents)["\n  fragment ProjectFields on Project {\n    id\n    slug\n    name\n    kind\n    criteria\n    overlap\n    adaptiveOverlap {\n      min\n      max\n      confidence\n      criteria\n    }\n    goldRate\n    languages\n    specialties\n    allowTies\n    requireRationale\n    scaleMin\n    scaleMax\n    leaseSeconds\n    locked\n    queueOrder\n    guidelineVersion\n    createdAt\n    currentGuidelines {\n      version\n      markdown\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    role\n    kind\n    languages\n    specialties\n    active\n    createdAt\n  }\n"): (typeof documents)["\n  fragment UserFields on User {\n    id\n    username\n    displayName\n    role\n    kind\n    languages\n    specialties\n    active\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Projects {\n    projects {\n      ...ProjectFields\n    }\n  }\n"): (typeof documents)["\n  query Projects {\n    projects {\n      ...ProjectFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Project($id: String!) {\n    project(id: $id) {\n      ...ProjectFields\n    }\n  }\n"): (typeof documents)["\n  query Project($id: String!) {\n    project(id: $id) {\n      ...ProjectFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      ...ProjectFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      ...ProjectFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProject($input: UpdateProjectInput!) {\n    updateProject(input: $input) {\n      ...ProjectFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProject($input: UpdateProjectInput!) {\n    updateProject(input: $input) {\n      ...ProjectFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateGuidelines($input: UpdateGuidelinesInput!) {\n    updateGuidelines(input: $input) {\n      ...ProjectFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateGuidelines($input: UpdateGuidelinesInput!) {\n    updateGuidelines(input: $input) {\n      ...ProjectFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetLocked($id: ID!, $locked: Boolean!) {\n    setProjectLocked(id: $id, locked: $locked) {\n      ...ProjectFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetLocked($id: ID!, $locked: Boolean!) {\n    setProjectLocked(id: $id, locked: $locked) {\n      ...ProjectFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users($limit: Int!, $offset: Int!, $role: Role, $search: String) {\n    users(limit: $limit, offset: $offset, role: $role, search: $search) {\n      total\n      users {\n        ...UserFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Users($limit: Int!, $offset: Int!, $role: Role, $search: String) {\n    users(limit: $limit, offset: $offset, role: $role, search: $search) {\n      total\n      users {\n        ...UserFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query User($id: String!) {\n    user(id: $id) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  query User($id: String!) {\n    user(id: $id) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Audit(\n    $limit: Int!\n    $offset: Int!\n    $actor: String\n    $action: String\n    $entityType: String\n    $projectId: String\n    $from: DateTime\n    $to: DateTime\n  ) {\n    auditLog(\n      limit: $limit\n      offset: $offset\n      actor: $actor\n      action: $action\n      entityType: $entityType\n      projectId: $projectId\n      from: $from\n      to: $to\n    ) {\n      total\n      entries {\n        id\n        at\n        actor\n        actorName\n        action\n        entityType\n        entityId\n        entityName\n        projectId\n        projectName\n        summary\n        details\n      }\n    }\n  }\n"): (typeof documents)["\n  query Audit(\n    $limit: Int!\n    $offset: Int!\n    $actor: String\n    $action: String\n    $entityType: String\n    $projectId: String\n    $from: DateTime\n    $to: DateTime\n  ) {\n    auditLog(\n      limit: $limit\n      offset: $offset\n      actor: $actor\n      action: $action\n      entityType: $entityType\n      projectId: $projectId\n      from: $from\n      to: $to\n    ) {\n      total\n      entries {\n        id\n        at\n        actor\n        actorName\n        action\n        entityType\n        entityId\n        entityName\n        projectId\n        projectName\n        summary\n        details\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Disagreements($projectId: ID!, $criterion: String!, $limit: Int!, $offset: Int!) {\n    disagreements(projectId: $projectId, criterion: $criterion, limit: $limit, offset: $offset) {\n      total\n      rows {\n        itemId\n        externalId\n        language\n        specialty\n        agreement\n        majority\n        majorityLabel\n        majorityExcerpt\n        labels\n        adjudicated\n      }\n    }\n  }\n"): (typeof documents)["\n  query Disagreements($projectId: ID!, $criterion: String!, $limit: Int!, $offset: Int!) {\n    disagreements(projectId: $projectId, criterion: $criterion, limit: $limit, offset: $offset) {\n      total\n      rows {\n        itemId\n        externalId\n        language\n        specialty\n        agreement\n        majority\n        majorityLabel\n        majorityExcerpt\n        labels\n        adjudicated\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaskProjectFields on TaskProject {\n    id\n    slug\n    name\n    kind\n    criteria\n    scaleMin\n    scaleMax\n    allowTies\n    requireRationale\n    guidelineVersion\n  }\n"): (typeof documents)["\n  fragment TaskProjectFields on TaskProject {\n    id\n    slug\n    name\n    kind\n    criteria\n    scaleMin\n    scaleMax\n    allowTies\n    requireRationale\n    guidelineVersion\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaskFields on Task {\n    taskId\n    language\n    specialty\n    prompt\n    expiresAt\n    project {\n      ...TaskProjectFields\n    }\n    messages {\n      role\n      content\n    }\n    responses {\n      id\n      label\n      text\n    }\n  }\n"): (typeof documents)["\n  fragment TaskFields on Task {\n    taskId\n    language\n    specialty\n    prompt\n    expiresAt\n    project {\n      ...TaskProjectFields\n    }\n    messages {\n      role\n      content\n    }\n    responses {\n      id\n      label\n      text\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NextTask($projectId: ID) {\n    nextTask(projectId: $projectId) {\n      ...TaskFields\n    }\n  }\n"): (typeof documents)["\n  query NextTask($projectId: ID) {\n    nextTask(projectId: $projectId) {\n      ...TaskFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NextTaskExcluding($projectId: ID, $exclude: [ID!]) {\n    nextTask(projectId: $projectId, exclude: $exclude) {\n      ...TaskFields\n    }\n  }\n"): (typeof documents)["\n  query NextTaskExcluding($projectId: ID, $exclude: [ID!]) {\n    nextTask(projectId: $projectId, exclude: $exclude) {\n      ...TaskFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyProjects($include: ID) {\n    myProjects(include: $include) {\n      remaining\n      project {\n        ...TaskProjectFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyProjects($include: ID) {\n    myProjects(include: $include) {\n      remaining\n      project {\n        ...TaskProjectFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyProgress($projectId: ID, $timeZone: String) {\n    myProgress(projectId: $projectId, timeZone: $timeZone) {\n      doneToday\n      doneTotal\n      remaining\n      projectRemaining\n    }\n  }\n"): (typeof documents)["\n  query MyProgress($projectId: ID, $timeZone: String) {\n    myProgress(projectId: $projectId, timeZone: $timeZone) {\n      doneToday\n      doneTotal\n      remaining\n      projectRemaining\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Submit($input: SubmitLabelInput!) {\n    submitLabel(input: $input) {\n      duplicate\n      label {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Submit($input: SubmitLabelInput!) {\n    submitLabel(input: $input) {\n      duplicate\n      label {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitAndNext($input: SubmitLabelInput!, $next: NextTaskInput!) {\n    submitLabel(input: $input, next: $next) {\n      duplicate\n      label {\n        id\n      }\n      next {\n        ...TaskFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitAndNext($input: SubmitLabelInput!, $next: NextTaskInput!) {\n    submitLabel(input: $input, next: $next) {\n      duplicate\n      label {\n        id\n      }\n      next {\n        ...TaskFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Skip($input: SkipTaskInput!) {\n    skipTask(input: $input)\n  }\n"): (typeof documents)["\n  mutation Skip($input: SkipTaskInput!) {\n    skipTask(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Retract($labelId: ID!) {\n    retractLabel(labelId: $labelId)\n  }\n"): (typeof documents)["\n  mutation Retract($labelId: ID!) {\n    retractLabel(labelId: $labelId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Guidelines($projectId: ID!, $version: Int) {\n    guidelines(projectId: $projectId, version: $version) {\n      version\n      markdown\n    }\n  }\n"): (typeof documents)["\n  query Guidelines($projectId: ID!, $version: Int) {\n    guidelines(projectId: $projectId, version: $version) {\n      version\n      markdown\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;