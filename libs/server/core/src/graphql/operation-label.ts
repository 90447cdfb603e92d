import { Kind, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

export const OTHER_OPERATION = 'other';

/** The names of every root field of the schema: the only values a metrics label may take, besides "other". */
export function schemaOperationNames(schema: GraphQLSchema): Set<string> {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  return new Set(roots.flatMap((root) => (root ? Object.keys(root.getFields()) : [])));
}

/**
 * Labels an operation by the schema field it calls, never by the client's free-text operationName, so the number of
 * series stays bounded by the schema: an operation calling several different fields, or none known, is "other".
 */
export function operationLabel(
  operation: OperationDefinitionNode | null | undefined,
  known: ReadonlySet<string>,
): string {
  if (!operation) return OTHER_OPERATION;
  const fields = new Set<string>();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) return OTHER_OPERATION;
    if (selection.name.value !== '__typename') fields.add(selection.name.value);
  }
  const [only] = fields;
  return fields.size === 1 && known.has(only) ? only : OTHER_OPERATION;
}
