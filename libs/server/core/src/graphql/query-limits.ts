import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '@clinrank/domain';
import {
  BREAK,
  GraphQLError,
  getVariableValues,
  Kind,
  visit,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * What one call of a heavy root field costs against GRAPHQL_MAX_COST (every other field costs 1). Reports and
 * agreement run statistics over a whole project; exports stream it; login runs scrypt.
 */
export const FIELD_COSTS: Readonly<Record<string, number | ((args: Record<string, unknown>) => number)>> = {
  'Query.evaluationReport': (args) => 100 + Math.ceil(Math.min(Number(args.resamples ?? 1000), 10_000) / 100),
  'Query.agreementSummary': 200,
  'Query.annotatorQuality': 200,
  'Query.confusionMatrix': 50,
  'Query.modelMetrics': 150,
  'Query.validationReport': 100,
  'Query.bertScore': 20,
  'Query.previewExport': 200,
  'Mutation.requestExport': 200,
  'Mutation.importItems': 100,
  'Query.projectProgress': 50,
  'Query.disagreements': 50,
  'Query.goldAccuracy': 50,
  'Query.itemReview': 20,
  'Query.auditLog': 20,
  'Query.myProgress': 20,
  'Query.myProjects': 10,
  'Query.nextTask': 10,
  'Mutation.submitLabel': 10,
  'Mutation.login': 50,
};

const fieldCostEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const cost = FIELD_COSTS[`${type.name}.${field.name}`];
  if (cost === undefined) return undefined;
  return (typeof cost === 'function' ? cost(args) : cost) + childComplexity;
};

function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QueryTooComplex, http: { status: 400 } } });
}

/** Names of the fields whose cost reads their arguments (FIELD_COSTS functions). */
const ARGUMENT_COSTED_FIELDS: ReadonlySet<string> = new Set(
  Object.entries(FIELD_COSTS)
    .filter(([, cost]) => typeof cost === 'function')
    .map(([key]) => key.split('.')[1]),
);

/**
 * Whether a document's cost can change with its variables: a variable in a directive (@skip/@include drop fields) or
 * in an argument of a field whose cost reads its arguments. Matched by field name alone, so it errs towards "yes".
 */
export function costDependsOnVariables(document: DocumentNode): boolean {
  let depends = false;
  const readsVariable = (node: object) => {
    let found = false;
    visit(node as DocumentNode, {
      Variable() {
        found = true;
        return BREAK;
      },
    });
    return found;
  };
  visit(document, {
    Directive(node) {
      if (readsVariable(node)) {
        depends = true;
        return BREAK;
      }
      return false;
    },
    Field(node) {
      if (ARGUMENT_COSTED_FIELDS.has(node.name.value) && node.arguments?.some(readsVariable)) {
        depends = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return depends;
}

/**
 * Refuses an operation whose estimated cost (FIELD_COSTS, with aliases and nesting multiplied out) passes maxCost.
 *
 * The cost of a document whose variables cannot change it is worked out once per parsed document and operation name:
 * Apollo keeps one parsed document per query text (its document store), so the client's few documents are costed once
 * each instead of on every request. Documents whose cost reads variables are costed on every request, as before;
 * whether it does is decided once per document.
 */
export function queryCostPlugin(maxCost: number): ApolloServerPlugin {
  // Per parsed document: its cost by operation name, or null when its variables can change the cost (decided once).
  const costs = new WeakMap<DocumentNode, Map<string, number> | null>();
  const check = (cost: number) => {
    if (cost > maxCost)
      throw tooComplex(`This request costs ${cost}, over the limit of ${maxCost}; split it into smaller requests`);
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          const operationKey = request.operationName ?? '';
          const known = costs.get(document)?.get(operationKey);
          if (known !== undefined) return check(known);
          // Variables that do not fit their types: execution refuses them with BAD_USER_INPUT before running anything,
          // whereas getComplexity would throw them as a 500.
          if (
            !operation ||
            getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}).errors
          )
            return;
          const cost = getComplexity({
            schema,
            query: document,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? {},
            estimators: [fieldCostEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (!costs.has(document)) costs.set(document, costDependsOnVariables(document) ? null : new Map());
          costs.get(document)?.set(operationKey, cost);
          check(cost);
        },
      };
    },
  };
}

/** Refuses documents with more than maxAliases aliased fields (counted where written, fragments included). */
export function aliasLimitRule(maxAliases: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (!node.alias) return;
        aliases += 1;
        if (aliases === maxAliases + 1)
          context.reportError(
            tooComplex(`This request uses more than ${maxAliases} aliases; split it into smaller requests`),
          );
      },
    };
  };
}

/**
 * Refuses operations nested deeper than maxDepth fields; introspection fields do not count. Each fragment's depth is
 * worked out once (so fragments spreading each other many times cost linear time), and a fragment met again while its
 * own depth is being worked out counts 0, so a cycle (reported by graphql's own NoFragmentCycles rule) ends.
 */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const fragmentDepths = new Map<string, number>();
    const depthOf = (selectionSet: SelectionSetNode): number => {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.selectionSet && !selection.name.value.startsWith('__'))
            deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet));
        } else {
          deepest = Math.max(deepest, fragmentDepth(selection.name.value));
        }
      }
      return deepest;
    };
    const fragmentDepth = (name: string): number => {
      const known = fragmentDepths.get(name);
      if (known !== undefined) return known;
      const fragment = fragments.get(name);
      if (!fragment) return 0;
      fragmentDepths.set(name, 0);
      const depth = depthOf(fragment.selectionSet);
      fragmentDepths.set(name, depth);
      return depth;
    };
    return {
      OperationDefinition(operation) {
        if (depthOf(operation.selectionSet) > maxDepth) {
          context.reportError(
            tooComplex(`'${operation.name?.value ?? ''}' exceeds maximum operation depth of ${maxDepth}`),
          );
        }
      },
    };
  };
}

/** Names in FIELD_COSTS that the schema lacks: a renamed field would silently lose its cost. */
export function unknownCostedFields(schema: GraphQLSchema): string[] {
  return Object.keys(FIELD_COSTS).filter((key) => {
    const [typeName, fieldName] = key.split('.');
    const type = typeName === 'Query' ? schema.getQueryType() : schema.getMutationType();
    return !type?.getFields()[fieldName];
  });
}
