import { DomainError, ErrorCode, OVERALL_CRITERION, type LabelContent } from '@clinrank/domain';
import type { Label, LabelValue } from './labels.js';
import { normalisePairwise } from './pairwise-units.js';
import type { LoadedLabel, ProjectLabels } from './project-labels.js';
import { midRanks } from './rankings.js';
import { ReliabilityData } from './reliability-data.js';

/**
 * Reliability data of one criterion. `categorical` holds what nominal statistics compare (pairwise: first/second/tie/both_bad
 * relative to the response ids; ratings: the score; rankings: the position; validation: the verdict); `scaled` holds what
 * ordinal/interval statistics compare (pairwise: the signed strength −2 … +2; ratings and rankings: the same numbers).
 */
export interface CriterionUnits {
  criterion: string;
  categorical: ReliabilityData;
  scaled: ReliabilityData | null;
  /** The nominal categories in display order, for confusion matrices. */
  categories: LabelValue[] | null;
}

export const PAIRWISE_CATEGORIES: LabelValue[] = ['first', 'second', 'tie', 'both_bad'];

/** The criteria a project's labels carry, sorted, with `overall` first. */
export function criteriaOf(project: ProjectLabels): string[] {
  if (project.kind === 'ranking' || project.kind === 'validation') return [OVERALL_CRITERION];
  const found = new Set<string>();
  for (const { content } of project.labels) {
    if (content.kind === 'pairwise') for (const criterion of Object.keys(content.judgements)) found.add(criterion);
    if (content.kind === 'rating') for (const criterion of Object.keys(content.scores)) found.add(criterion);
  }
  if (found.size === 0) project.criteria.forEach((criterion) => found.add(criterion));
  return [...found].sort((x, y) =>
    x === OVERALL_CRITERION ? -1 : y === OVERALL_CRITERION ? 1 : x < y ? -1 : x > y ? 1 : 0,
  );
}

/** The criterion per-annotator statistics use when the filter names none. */
export function defaultCriterion(project: ProjectLabels): string {
  const criteria = criteriaOf(project);
  return criteria.includes(OVERALL_CRITERION) ? OVERALL_CRITERION : (criteria[0] ?? OVERALL_CRITERION);
}

/** Checks that a requested criterion exists in the project's labels. */
export function requireCriterion(project: ProjectLabels, criterion: string): string {
  const criteria = criteriaOf(project);
  if (project.labels.length > 0 && !criteria.includes(criterion)) {
    throw new DomainError(
      ErrorCode.BadUserInput,
      `criterion "${criterion}" is not labelled in this project (criteria: ${criteria.join(', ')})`,
      'criterion',
    );
  }
  return criterion;
}

/** Builds the reliability data of one criterion from the loaded labels. */
export function criterionUnits(project: ProjectLabels, criterion: string): CriterionUnits {
  const categorical = new ReliabilityData();
  const numeric = project.kind === 'rating' || project.kind === 'ranking';
  const scaled = project.kind === 'pairwise' ? new ReliabilityData() : numeric ? categorical : null;
  for (const label of project.labels) {
    for (const unit of unitsOf(label, criterion)) {
      categorical.add(unit.unit, label.coder, unit.value);
      if (scaled && scaled !== categorical) scaled.add(unit.unit, label.coder, unit.scaled);
    }
  }
  return { criterion, categorical, scaled, categories: categoriesOf(project) };
}

function categoriesOf(project: ProjectLabels): LabelValue[] | null {
  if (project.kind === 'pairwise') return PAIRWISE_CATEGORIES;
  if (project.kind === 'rating')
    return Array.from({ length: project.scale.max - project.scale.min + 1 }, (_, i) => project.scale.min + i);
  return null;
}

/**
 * The lib orders a pair by response id text, which for random UUIDs would make "first" an arbitrary side per item
 * (and the nominal alpha depend on the ids). Keys built from the responses' positions in the item make "first" the
 * response listed first, for every pair and every database.
 */
function pairKeys(label: LoadedLabel, a: string, b: string): [string, string] {
  if (!label.positions) return [a, b];
  // Positions identify a response within its item, and the unit key names the item: short keys, faster to intern.
  return [String(label.positions[0]).padStart(3, '0'), String(label.positions[1]).padStart(3, '0')];
}

export interface UnitValue extends Omit<Label, 'coder'> {
  scaled: number | null;
}

/**
 * The units one label contributes on a criterion: pairwise, the response pair (as shown to no one in particular);
 * ratings, each (item, response) score; rankings, each (item, response) position (mid-rank when tied); validation, the verdict.
 */
export function unitsOf(label: LoadedLabel, criterion: string): UnitValue[] {
  const content: LabelContent = label.content;
  switch (content.kind) {
    case 'pairwise': {
      const judgement = content.judgements[criterion];
      if (!judgement) return [];
      const [a, b] = pairKeys(label, content.a, content.b);
      const normalised = normalisePairwise({
        item: label.itemKey,
        criterion,
        coder: label.coder,
        a,
        b,
        choice: judgement.choice,
        strength: judgement.strength,
      });
      return [{ unit: normalised.unit, value: normalised.choice, scaled: normalised.signed }];
    }
    case 'rating':
      return Object.entries(content.scores[criterion] ?? {}).map(([response, score]) => ({
        unit: JSON.stringify([label.itemKey, response]),
        value: score,
        scaled: score,
      }));
    case 'ranking':
      return [...midRanks(content.ranking)].map(([response, rank]) => ({
        unit: JSON.stringify([label.itemKey, response]),
        value: rank,
        scaled: rank,
      }));
    case 'validation':
      return [{ unit: JSON.stringify([label.itemKey, content.response]), value: content.verdict, scaled: null }];
  }
}
