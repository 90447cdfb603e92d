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
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      expiresAt\n      user { id username displayName role languages specialties }\n    }\n  }\n": typeof types.LoginDocument,
    "fragment TaskProjectFields on TaskProject { id slug name kind criteria scaleMin scaleMax allowTies requireRationale guidelineVersion }": typeof types.TaskProjectFieldsFragmentDoc,
    "\n  fragment TaskFields on Task {\n    assignmentId language specialty prompt expiresAt\n    project { ...TaskProjectFields }\n    messages { role content }\n    responses { id label text }\n  }\n": typeof types.TaskFieldsFragmentDoc,
    "query NextTask($projectId: ID) { nextTask(projectId: $projectId) { ...TaskFields } }": typeof types.NextTaskDocument,
    "query NextTaskExcluding($projectId: ID, $exclude: [ID!]) { nextTask(projectId: $projectId, exclude: $exclude) { ...TaskFields } }": typeof types.NextTaskExcludingDocument,
    "query MyProjects($include: ID) { myProjects(include: $include) { remaining project { ...TaskProjectFields } } }": typeof types.MyProjectsDocument,
    "query MyProgress($projectId: ID) { myProgress(projectId: $projectId) { doneToday doneTotal remaining projectRemaining } }": typeof types.MyProgressDocument,
    "mutation Submit($input: SubmitLabelInput!) { submitLabel(input: $input) { duplicate label { id } } }": typeof types.SubmitDocument,
    "mutation Skip($input: SkipTaskInput!) { skipTask(input: $input) }": typeof types.SkipDocument,
    "mutation Retract($labelId: ID!) { retractLabel(labelId: $labelId) }": typeof types.RetractDocument,
    "query Guidelines($projectId: ID!, $version: Int) { guidelines(projectId: $projectId, version: $version) { version markdown } }": typeof types.GuidelinesDocument,
};
const documents: Documents = {
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      expiresAt\n      user { id username displayName role languages specialties }\n    }\n  }\n": types.LoginDocument,
    "fragment TaskProjectFields on TaskProject { id slug name kind criteria scaleMin scaleMax allowTies requireRationale guidelineVersion }": types.TaskProjectFieldsFragmentDoc,
    "\n  fragment TaskFields on Task {\n    assignmentId language specialty prompt expiresAt\n    project { ...TaskProjectFields }\n    messages { role content }\n    responses { id label text }\n  }\n": types.TaskFieldsFragmentDoc,
    "query NextTask($projectId: ID) { nextTask(projectId: $projectId) { ...TaskFields } }": types.NextTaskDocument,
    "query NextTaskExcluding($projectId: ID, $exclude: [ID!]) { nextTask(projectId: $projectId, exclude: $exclude) { ...TaskFields } }": types.NextTaskExcludingDocument,
    "query MyProjects($include: ID) { myProjects(include: $include) { remaining project { ...TaskProjectFields } } }": types.MyProjectsDocument,
    "query MyProgress($projectId: ID) { myProgress(projectId: $projectId) { doneToday doneTotal remaining projectRemaining } }": types.MyProgressDocument,
    "mutation Submit($input: SubmitLabelInput!) { submitLabel(input: $input) { duplicate label { id } } }": types.SubmitDocument,
    "mutation Skip($input: SkipTaskInput!) { skipTask(input: $input) }": types.SkipDocument,
    "mutation Retract($labelId: ID!) { retractLabel(labelId: $labelId) }": types.RetractDocument,
    "query Guidelines($projectId: ID!, $version: Int) { guidelines(projectId: $projectId, version: $version) { version markdown } }": types.GuidelinesDocument,
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
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      expiresAt\n      user { id username displayName role languages specialties }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      expiresAt\n      user { id username displayName role languages specialties }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment TaskProjectFields on TaskProject { id slug name kind criteria scaleMin scaleMax allowTies requireRationale guidelineVersion }"): (typeof documents)["fragment TaskProjectFields on TaskProject { id slug name kind criteria scaleMin scaleMax allowTies requireRationale guidelineVersion }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaskFields on Task {\n    assignmentId language specialty prompt expiresAt\n    project { ...TaskProjectFields }\n    messages { role content }\n    responses { id label text }\n  }\n"): (typeof documents)["\n  fragment TaskFields on Task {\n    assignmentId language specialty prompt expiresAt\n    project { ...TaskProjectFields }\n    messages { role content }\n    responses { id label text }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NextTask($projectId: ID) { nextTask(projectId: $projectId) { ...TaskFields } }"): (typeof documents)["query NextTask($projectId: ID) { nextTask(projectId: $projectId) { ...TaskFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NextTaskExcluding($projectId: ID, $exclude: [ID!]) { nextTask(projectId: $projectId, exclude: $exclude) { ...TaskFields } }"): (typeof documents)["query NextTaskExcluding($projectId: ID, $exclude: [ID!]) { nextTask(projectId: $projectId, exclude: $exclude) { ...TaskFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyProjects($include: ID) { myProjects(include: $include) { remaining project { ...TaskProjectFields } } }"): (typeof documents)["query MyProjects($include: ID) { myProjects(include: $include) { remaining project { ...TaskProjectFields } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyProgress($projectId: ID) { myProgress(projectId: $projectId) { doneToday doneTotal remaining projectRemaining } }"): (typeof documents)["query MyProgress($projectId: ID) { myProgress(projectId: $projectId) { doneToday doneTotal remaining projectRemaining } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Submit($input: SubmitLabelInput!) { submitLabel(input: $input) { duplicate label { id } } }"): (typeof documents)["mutation Submit($input: SubmitLabelInput!) { submitLabel(input: $input) { duplicate label { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Skip($input: SkipTaskInput!) { skipTask(input: $input) }"): (typeof documents)["mutation Skip($input: SkipTaskInput!) { skipTask(input: $input) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Retract($labelId: ID!) { retractLabel(labelId: $labelId) }"): (typeof documents)["mutation Retract($labelId: ID!) { retractLabel(labelId: $labelId) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Guidelines($projectId: ID!, $version: Int) { guidelines(projectId: $projectId, version: $version) { version markdown } }"): (typeof documents)["query Guidelines($projectId: ID!, $version: Int) { guidelines(projectId: $projectId, version: $version) { version markdown } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;