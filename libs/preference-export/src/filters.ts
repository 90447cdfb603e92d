import { DomainError, ErrorCode } from '@clinrank/domain';
import type { ExportRequest } from './request.js';
import type { ExportItem, ExportLabel, ExportResponse } from './types.js';
import { passesFilter } from './where.js';

export const EXCLUSION_REASONS = ['gold', 'language', 'specialty', 'flagged', 'too-few-labels', 'no-records'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** What survives the filters of one item: its labels and responses, or why the whole item was excluded. */
export type FilteredItem =
  { excluded: ExclusionReason } | { excluded: null; labels: ExportLabel[]; responses: Map<string, ExportResponse> };

/** Applies item-, label- and response-level filters to one item. */
export function filterItem(item: ExportItem, request: ExportRequest): FilteredItem {
  if (request.gold === 'exclude' && item.isGold) return { excluded: 'gold' };
  if (request.gold === 'only' && !item.isGold) return { excluded: 'gold' };
  if (!passesFilter(request.filters.language, item.language)) return { excluded: 'language' };
  if (!passesFilter(request.filters.specialty, item.specialty)) return { excluded: 'specialty' };
  // Flags are read from every label, not only the selected ones: an "unsafe" flag must not slip through a date filter.
  if (isFlagged(item.labels, request)) return { excluded: 'flagged' };
  const labels = item.labels.filter((label) => labelPasses(label, request));
  if (labels.length < request.minLabelsPerItem) return { excluded: 'too-few-labels' };
  const responses = new Map(
    item.responses.filter((response) => responsePasses(response, request)).map((response) => [response.id, response]),
  );
  return { excluded: null, labels, responses };
}

/** Whether the item carries an excluded flag under the request's flag rule. */
export function isFlagged(labels: ExportLabel[], request: ExportRequest): boolean {
  if (request.excludeFlags.length === 0 || labels.length === 0) return false;
  const flagged = labels.filter((label) => label.flags.some((flag) => request.excludeFlags.includes(flag))).length;
  return request.flagRule === 'any' ? flagged > 0 : flagged * 2 > labels.length;
}

/** Annotator kind, creation date and guideline version filters. */
export function labelPasses(label: ExportLabel, request: ExportRequest): boolean {
  if (!passesFilter(request.filters.annotatorKind, label.annotatorKind)) return false;
  // Parsing every label's date is the costliest check, so it is done only when a date range asks for it.
  if (request.labelsFrom !== null || request.labelsTo !== null) {
    const created = labelInstant(label);
    if (request.labelsFrom !== null && created < request.labelsFrom) return false;
    if (request.labelsTo !== null && created >= request.labelsTo) return false;
  }
  if (request.minGuidelineVersion !== null && label.guidelineVersion < request.minGuidelineVersion) return false;
  if (request.maxGuidelineVersion !== null && label.guidelineVersion > request.maxGuidelineVersion) return false;
  return true;
}

/** Source, model and generator filters; pairs touching an excluded response are dropped later. */
export function responsePasses(response: ExportResponse, request: ExportRequest): boolean {
  return (
    passesFilter(request.filters.source, response.source) &&
    passesFilter(request.filters.model, response.model) &&
    passesFilter(request.filters.generator, response.generator)
  );
}

function labelInstant(label: ExportLabel): string {
  const time = Date.parse(label.createdAt);
  if (Number.isNaN(time))
    throw new DomainError(
      ErrorCode.BadUserInput,
      `label ${label.id} createdAt must be an ISO date, got "${label.createdAt}"`,
      'createdAt',
    );
  return new Date(time).toISOString();
}
