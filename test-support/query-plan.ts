import type { DataSource } from 'typeorm';

/** A node of PostgreSQL's JSON plan, with the fields the medium specs read. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Filter?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Heap Fetches'?: number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

/** Runs the statement under EXPLAIN (ANALYZE, BUFFERS) and returns its plan's root. */
export async function explainAnalyzed(dataSource: DataSource, sql: string, parameters: unknown[]): Promise<PlanNode> {
  const [row] = await dataSource.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, parameters);
  return row['QUERY PLAN'][0].Plan;
}

/** The node and all the nodes under it. */
export function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/** The shared buffers the whole plan touched, found in the cache or read. */
export function planBuffers(plan: PlanNode): number {
  return plan['Shared Hit Blocks'] + (plan['Shared Read Blocks'] ?? 0);
}
