import { DomainError, ErrorCode } from '@clinrank/domain';
import { aggregateTallies, tallyPairs } from './aggregate.js';
import { filterItem } from './filters.js';
import { formatColumns, formatRecords, isPairFormat } from './formats.js';
import { responseText, type ItemContext } from './item-context.js';
import { openParquetWriter, type ParquetSplitWriter } from './parquet.js';
import { promptTurns } from './prompt.js';
import { SPLIT_NAMES, type ExportRequest, type SplitName } from './request.js';
import { DigestingFile, type ExportSink } from './sinks.js';
import { assignSplit, stratumOf } from './split.js';
import { StatsCollector, type ExportStats, type FileDigest } from './stats.js';
import type { ExportItem, ExportLabel, ExportRecord, PreferencePair } from './types.js';
import { collectVotes, compareIds } from './votes.js';

interface SplitOutput {
  jsonl: DigestingFile;
  /** JSONL lines not yet written: lines are gathered into chunks so the file, digest and stream see few large writes. */
  pending: string;
  parquetFile: DigestingFile | null;
  parquet: ParquetSplitWriter | null;
}

/** Hooks into the stream of one export. */
export interface ExportHooks {
  /** Called for each item that passes the filters, with its selected labels (e.g. to accumulate agreement statistics). */
  onItem?: (item: ExportItem, labels: ExportLabel[]) => void;
}

const encoder = new TextEncoder();
const FLUSH_CHARS = 1 << 18;

/**
 * Streams items (ascending id order, each with all its labels) through filters, aggregation and the format writer into
 * train/validation/test files of the sink, one item in memory at a time; returns counts and the files' SHA-256.
 */
export async function exportSnapshot(
  items: AsyncIterable<ExportItem> | Iterable<ExportItem>,
  request: ExportRequest,
  sink: ExportSink,
  hooks: ExportHooks = {},
): Promise<ExportStats> {
  const outputs = await openOutputs(request, sink);
  const stats = new StatsCollector();
  let previousId: string | null = null;
  for await (const item of items) {
    if (previousId !== null && compareIds(previousId, item.id) >= 0) {
      throw new DomainError(
        ErrorCode.BadUserInput,
        `items must arrive in strictly ascending id order, got "${item.id}" after "${previousId}"`,
        'items',
      );
    }
    previousId = item.id;
    stats.seen();
    await exportItem(item, request, outputs, stats, hooks);
  }
  return stats.result(await closeOutputs(outputs));
}

/** Filters, aggregates and formats one item into records (exported for previews and tests). */
export function itemRecords(item: ExportItem, request: ExportRequest, hooks: ExportHooks = {}) {
  const filtered = filterItem(item, request);
  if (filtered.excluded !== null)
    return {
      excluded: filtered.excluded,
      records: [] as ExportRecord[],
      context: null,
      tallies: [],
      adjudicated: false,
      identicalPairs: 0,
    };
  hooks.onItem?.(item, filtered.labels);
  const labels = [...filtered.labels].sort((x, y) => compareIds(x.id, y.id));
  // Votes are collected for every format so the agreement summary is the same whatever is written.
  const votes = collectVotes(item, labels, filtered.responses, request);
  const tallies = tallyPairs(votes);
  const context: ItemContext = {
    item,
    request,
    turns: promptTurns(item),
    responses: filtered.responses,
    labels,
    pairs: [],
  };
  const aggregated = isPairFormat(request.format) ? aggregateTallies(item.id, votes, tallies, request) : [];
  // Two answers with the same text make a pair no model can learn from (and a zero-gradient one for TRL).
  context.pairs = aggregated.filter((pair) => !sameText(context, pair));
  const records = formatRecords(context);
  const adjudicated = votes.some((vote) => vote.adjudicated);
  const identicalPairs = aggregated.length - context.pairs.length;
  return {
    excluded: records.length === 0 ? ('no-records' as const) : null,
    records,
    context,
    tallies,
    adjudicated,
    identicalPairs,
  };
}

async function exportItem(
  item: ExportItem,
  request: ExportRequest,
  outputs: Record<SplitName, SplitOutput>,
  stats: StatsCollector,
  hooks: ExportHooks,
): Promise<void> {
  const { excluded, records, context, tallies, adjudicated, identicalPairs } = itemRecords(item, request, hooks);
  stats.identicalPairs(identicalPairs);
  if (excluded !== null || context === null) {
    stats.excludedItem(excluded ?? 'no-records');
    return;
  }
  const split = assignSplit(context.turns, request);
  const output = outputs[split];
  for (const record of records) {
    output.pending += `${JSON.stringify(record)}\n`;
    output.jsonl.records++;
    if (output.parquet && output.parquetFile) {
      await output.parquet.add(record);
      output.parquetFile.records++;
    }
  }
  if (output.pending.length >= FLUSH_CHARS) await flushLines(output);
  stats.exported(
    split,
    stratumOf(item, { stratify: ['language', 'specialty'] }),
    item.language,
    records.length,
    context.labels,
    tallies,
  );
  for (const response of context.responses.values()) stats.answerText(response.text, split);
  if (adjudicated) stats.adjudicated();
}

function sameText(context: ItemContext, pair: PreferencePair): boolean {
  return responseText(context, pair, pair.chosen).trim() === responseText(context, pair, pair.rejected).trim();
}

async function openOutputs(request: ExportRequest, sink: ExportSink): Promise<Record<SplitName, SplitOutput>> {
  const outputs = {} as Record<SplitName, SplitOutput>;
  for (const split of SPLIT_NAMES) {
    const jsonl = new DigestingFile(`${split}.jsonl`, await sink.open(`${split}.jsonl`));
    let parquetFile: DigestingFile | null = null;
    let parquet: ParquetSplitWriter | null = null;
    if (request.parquet) {
      parquetFile = new DigestingFile(`${split}.parquet`, await sink.open(`${split}.parquet`));
      parquet = await openParquetWriter(parquetFile, formatColumns(request), request.parquetRowGroupSize);
    }
    outputs[split] = { jsonl, pending: '', parquetFile, parquet };
  }
  return outputs;
}

async function closeOutputs(outputs: Record<SplitName, SplitOutput>): Promise<FileDigest[]> {
  const digests: FileDigest[] = [];
  for (const split of SPLIT_NAMES) {
    const { jsonl, parquet, parquetFile } = outputs[split];
    await flushLines(outputs[split]);
    digests.push(await jsonl.finish());
    if (parquet && parquetFile) {
      await parquet.close();
      digests.push(await parquetFile.finish());
    }
  }
  return digests.sort((x, y) => compareIds(x.name, y.name));
}

async function flushLines(output: SplitOutput): Promise<void> {
  if (output.pending === '') return;
  const chunk = encoder.encode(output.pending);
  output.pending = '';
  await output.jsonl.write(chunk);
}
