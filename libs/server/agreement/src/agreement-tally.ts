import type { CompactUnits } from '@clinrank/agreement';
import { OVERALL_CRITERION, type LabelContent } from '@clinrank/domain';
import type { Logger } from 'pino';
import type { DataSource, QueryRunner } from 'typeorm';
import type { ProjectRef } from './agreement-labels.js';
import { AgreementTallyRepository, COPY_CRITERIA, type TallyLabelRow } from './agreement-tally.repository.js';
import { PairwiseColdBuild } from './pairwise-cold-build.js';
import { CompactSink, ProjectTally, type ProjectTallyState, type TallyLabel } from './project-tally.js';

/** How long the first build waits for transactions that started before the tally existed. */
const OLDER_TRANSACTIONS_TIMEOUT_MS = 30_000;
/** The largest change id (bigint): deletes every change the snapshot sees. */
const ALL_CHANGES = '9223372036854775807';

export interface CurrentTally {
  tally: ProjectTally;
  /** Bumped on every update of the stored tally. */
  version: number;
  /** Every unit's values, when this call built the tally from the labels (the bootstrap reuses them). */
  compact: Map<string, CompactUnits> | null;
}

/**
 * A project's ProjectTally, kept in agreement_tallies and brought up to date from the label changes the triggers
 * record: the first call builds it from the labels (one pass, ordered by item); later calls apply the items changed
 * since, each as "remove as it was, add as it is". Updates of one project are serialised by an advisory lock and read
 * the tally, the changes and the labels in one REPEATABLE READ snapshot, so a change is applied exactly once.
 */
export class AgreementTallyStore {
  private readonly repository: AgreementTallyRepository;
  private readonly memory = new Map<string, { version: number; tally: ProjectTally }>();

  /**
   * `coldScan`: how a build reads the labels. `copy` (the default) reads a pairwise project's labels by COPY, reduced in
   * SQL to codes; `generic` always reads rows of label content, as every other kind does (kept to compare the two).
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly logger?: Logger,
    private readonly coldScan: 'copy' | 'generic' = 'copy',
  ) {
    this.repository = new AgreementTallyRepository(dataSource);
  }

  /** The project's tally with every committed label applied. */
  async current(project: ProjectRef): Promise<CurrentTally> {
    const row = await this.repository.version(this.dataSource, project.id);
    if (row?.built && !row.pending)
      return { ...(await this.load(this.dataSource, project, row.version)), compact: null };
    return this.repository.locked(project.id, async (runner) => {
      const again = await this.repository.version(runner, project.id);
      if (again?.built && !again.pending)
        return { ...(await this.load(runner, project, again.version)), compact: null };
      if (again?.built) {
        try {
          return { ...(await this.drain(runner, project)), compact: null };
        } catch (error) {
          // A tally that cannot take its changes (e.g. labels written while the triggers were disabled) is rebuilt.
          this.logger?.warn(
            { err: error, projectId: project.id },
            'agreement tally could not apply its changes; rebuilding',
          );
          this.memory.delete(project.id);
          if (runner.isTransactionActive) await runner.rollbackTransaction();
          await this.repository.reset(runner, project.id);
        }
      }
      return this.build(runner, project);
    });
  }

  /** Every unit's values per criterion and scale, ordered as the first build orders them (for the bootstrap). */
  async compactUnits(project: ProjectRef): Promise<Map<string, CompactUnits>> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const { compact } = await this.scan(runner, project, true);
      await runner.commitTransaction();
      return compact;
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  /** The stored tally of this version: the one in memory, or read and parsed. */
  private async load(
    runner: QueryRunner | DataSource,
    project: ProjectRef,
    version: number,
  ): Promise<{ tally: ProjectTally; version: number }> {
    const known = this.memory.get(project.id);
    if (known?.version === version) return known;
    const row = await this.repository.state(runner, project.id);
    const tally = ProjectTally.fromJSON(project.kind, row?.state as ProjectTallyState);
    const loaded = { tally, version: row?.version ?? version };
    this.memory.set(project.id, loaded);
    return loaded;
  }

  private async build(runner: QueryRunner, project: ProjectRef): Promise<CurrentTally> {
    await this.repository.markBuilding(runner, project.id);
    if (!(await this.repository.waitForOlderTransactions(runner, OLDER_TRANSACTIONS_TIMEOUT_MS)))
      throw new Error('agreement tally: transactions older than the tally are still running');
    await runner.startTransaction('REPEATABLE READ');
    const { tally, compact } = await this.scan(runner, project);
    const version = await this.repository.save(runner, project.id, tally.toJSON());
    await this.repository.deleteChanges(runner, project.id, ALL_CHANGES);
    await runner.commitTransaction();
    this.memory.set(project.id, { version, tally });
    return { tally, version, compact };
  }

  /** One pass over the project's labels into a fresh tally and every unit's values: the COPY build, else the generic one. */
  private async scan(
    runner: QueryRunner,
    project: ProjectRef,
    onlyUnits = false,
  ): Promise<{ tally: ProjectTally; compact: Map<string, CompactUnits> }> {
    const copied =
      project.kind === 'pairwise' && this.coldScan === 'copy' ? await this.copyScan(runner, project) : null;
    if (copied) return copied;
    const { tally, sink } = await this.genericScan(runner, project, onlyUnits);
    return { tally, compact: sink.build() };
  }

  /**
   * A pairwise project's labels read by COPY, reduced in SQL to small codes, into typed arrays (see PairwiseColdBuild);
   * null when a label needs the generic scan (which then reads them again).
   */
  private async copyScan(
    runner: QueryRunner,
    project: ProjectRef,
  ): Promise<{ tally: ProjectTally; compact: Map<string, CompactUnits> } | null> {
    // Ordered as jsonb orders an object's keys (shorter first), so the criteria are first seen as the generic scan sees them.
    const criteria = [...new Set([OVERALL_CRITERION, ...project.criteria])].sort(
      (x, y) => x.length - y.length || (x < y ? -1 : x > y ? 1 : 0),
    );
    if (criteria.length > COPY_CRITERIA) return null;
    const build = new PairwiseColdBuild(criteria);
    await this.repository.copyPairwise(
      runner,
      project.id,
      criteria,
      (row) => build.position(row),
      (row) => build.label(row),
    );
    const result = build.result();
    if (!result) {
      this.logger?.info({ projectId: project.id }, 'agreement tally: a label needs the generic scan');
      return null;
    }
    return { tally: ProjectTally.fromJSON(project.kind, result.state), compact: result.compact };
  }

  /** One pass over the project's labels, item by item, into a fresh tally and the units' values. */
  private async genericScan(
    runner: QueryRunner,
    project: ProjectRef,
    onlyUnits = false,
  ): Promise<{ tally: ProjectTally; sink: CompactSink }> {
    const positions =
      project.kind === 'pairwise'
        ? new Map((await this.repository.positionsOfProject(runner, project.id)).map((row) => [row.id, row.position]))
        : new Map<string, number>();
    const tally = new ProjectTally(project.kind);
    const sink = new CompactSink();
    let item: string | null = null;
    let group: TallyLabel[] = [];
    for await (const rows of this.repository.projectLabels(runner, project.id)) {
      for (const row of rows) {
        if (row.item_id !== item) {
          tally.applyItem(group, 1, sink, onlyUnits);
          item = row.item_id;
          group = [];
        }
        group.push(tallyLabel(row.annotator_id, row.content, positions));
      }
    }
    tally.applyItem(group, 1, sink, onlyUnits);
    return { tally, sink };
  }

  private async drain(runner: QueryRunner, project: ProjectRef): Promise<{ tally: ProjectTally; version: number }> {
    await runner.startTransaction('REPEATABLE READ');
    const row = await this.repository.version(runner, project.id);
    const changes = await this.repository.changes(runner, project.id);
    if (!row?.built || changes.length === 0) {
      await runner.commitTransaction();
      return this.load(this.dataSource, project, row?.version ?? 0);
    }
    // Updated in place (the copy in memory when it is of this version); dropped from memory if this update fails.
    const { tally } = await this.load(runner, project, row.version);
    this.memory.delete(project.id);
    const items = [...new Set(changes.map((change) => change.item_id))];
    const [current, positionRows] = await Promise.all([
      this.repository.labelsOfItems(runner, items),
      project.kind === 'pairwise'
        ? this.repository.positionsOfItems(runner, items)
        : Promise.resolve([] as { id: string; position: number }[]),
    ]);
    const positions = new Map(positionRows.map((position) => [position.id, position.position]));
    // The label as it was when the tally last saw it: the `before` of its first change since.
    const before = new Map<string, LabelContent | null>();
    for (const change of changes) {
      const name = labelKey(change);
      if (!before.has(name)) before.set(name, change.before);
    }
    const byItem = new Map<string, TallyLabelRow[]>(items.map((item) => [item, []]));
    for (const label of current) byItem.get(label.item_id)?.push(label);
    const previous = new Map<string, TallyLabel[]>(items.map((item) => [item, []]));
    for (const label of current)
      if (!before.has(labelKey(label)))
        previous.get(label.item_id)?.push(tallyLabel(label.annotator_id, label.content, positions));
    for (const change of changes) {
      const name = labelKey(change);
      const content = before.get(name);
      if (content) previous.get(change.item_id)?.push(tallyLabel(change.annotator_id, content, positions));
      before.set(name, null);
    }
    for (const item of items) {
      tally.applyItem(previous.get(item) ?? [], -1);
      tally.applyItem(
        (byItem.get(item) ?? []).map((label) => tallyLabel(label.annotator_id, label.content, positions)),
        1,
      );
    }
    const version = await this.repository.save(runner, project.id, tally.toJSON());
    await this.repository.deleteChanges(runner, project.id, changes[changes.length - 1].id);
    await runner.commitTransaction();
    this.memory.set(project.id, { version, tally });
    return { tally, version };
  }
}

function labelKey(label: { item_id: string; annotator_id: string; pair_key: string }): string {
  return `${label.item_id} ${label.annotator_id} ${label.pair_key}`;
}

function tallyLabel(annotator: string, content: LabelContent, positions: Map<string, number>): TallyLabel {
  if (content.kind !== 'pairwise') return { annotator, content, positions: null };
  const a = positions.get(content.a);
  const b = positions.get(content.b);
  return { annotator, content, positions: a === undefined || b === undefined ? null : [a, b] };
}
