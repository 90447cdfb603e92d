import { findTextDefect, jsonLimitProblem } from './text-limits.js';
import {
  MESSAGE_ROLES,
  PAIRWISE_CHOICES,
  RESPONSE_SOURCES,
  STRENGTHS,
  type ChatMessage,
  type PairwiseChoice,
  type ResponseSource,
  type Strength,
  type TaskKind,
} from './labels.js';
import type { RatingScale } from './project.js';

/** Limits on one import line; text beyond them is refused, never truncated. */
export const IMPORT_LIMITS = {
  maxLineBytes: 2 * 1024 * 1024,
  maxTextBytes: 100 * 1024,
  maxResponses: 20,
  maxAnnotations: 500,
  maxIdLength: 200,
};

/** Responses an item may have when every one of them already carries an imported annotation (e.g. TREC answer pools). */
export const MAX_ANNOTATED_RESPONSES = 200;

export interface ImportResponse {
  id: string;
  text: string;
  source: ResponseSource;
  model: string | null;
  modelVersion: string | null;
  generator: string | null;
}

export type ImportAnnotation =
  | {
      annotator: string;
      annotatorKind: 'external' | 'judge';
      kind: 'rating';
      response: string;
      criterion: string;
      score: number;
    }
  | {
      annotator: string;
      annotatorKind: 'external' | 'judge';
      kind: 'pairwise';
      a: string;
      b: string;
      criterion: string;
      choice: PairwiseChoice;
      strength: Strength | null;
    }
  | { annotator: string; annotatorKind: 'external' | 'judge'; kind: 'ranking'; ranking: string[][] };

export interface ImportItem {
  id: string;
  language: string;
  specialty: string;
  prompt: string | null;
  messages: ChatMessage[] | null;
  reference: string | null;
  responses: ImportResponse[];
  gold: { criterion: string; preferred: string } | null;
  annotations: ImportAnnotation[];
  metadata: Record<string, unknown>;
}

export interface ImportProblem {
  line: number;
  field: string;
  reason: string;
}

export interface ImportRules {
  kind: TaskKind;
  criteria: string[];
  scale: RatingScale;
  languages: string[];
  allowTies: boolean;
  /** The project's limit on responses clinicians are asked to label in one item (ranking: at most MAX_RANKING_RESPONSES). */
  maxResponsesPerItem: number;
}

class LineError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

const encoder = new TextEncoder();
/** A BCP 47-style language code as items carry it: en, zh, ar, pt-BR. */
export const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readId(value: unknown, field: string): string {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value !== 'string' || value.trim() === '')
    throw new LineError(field, 'is missing or not a non-empty string');
  if (value.length > IMPORT_LIMITS.maxIdLength)
    throw new LineError(field, `is longer than ${IMPORT_LIMITS.maxIdLength} characters`);
  return value;
}

function readText(value: unknown, field: string, required: boolean): string | null {
  if (value === undefined || value === null) {
    if (required) throw new LineError(field, 'is missing');
    return null;
  }
  if (typeof value !== 'string') throw new LineError(field, 'must be a string');
  if (required && value.trim() === '') throw new LineError(field, 'is empty');
  const bytes = encoder.encode(value).length;
  if (bytes > IMPORT_LIMITS.maxTextBytes)
    throw new LineError(field, `is ${bytes} bytes, over the ${IMPORT_LIMITS.maxTextBytes}-byte limit`);
  return value;
}

function readOptionalName(value: unknown, field: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > 200)
    throw new LineError(field, 'must be a string of at most 200 characters');
  return value;
}

function readMessages(value: unknown): ChatMessage[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new LineError('messages', 'must be a non-empty list of {role, content}');
  const messages = value.map((message, index) => {
    if (!isRecord(message)) throw new LineError(`messages[${index}]`, 'must be an object with role and content');
    if (!(MESSAGE_ROLES as readonly unknown[]).includes(message.role))
      throw new LineError(`messages[${index}].role`, 'must be user or assistant');
    return {
      role: message.role as ChatMessage['role'],
      content: readText(message.content, `messages[${index}].content`, true)!,
    };
  });
  if (messages[messages.length - 1].role !== 'user')
    throw new LineError('messages', 'must end with a user turn (the responses continue the dialogue)');
  return messages;
}

function readResponses(value: unknown, kind: TaskKind): ImportResponse[] {
  const minimum = kind === 'validation' ? 1 : 2;
  if (!Array.isArray(value)) throw new LineError('responses', 'is missing or not a list');
  if (value.length < minimum)
    throw new LineError('responses', `needs at least ${minimum} responses for a ${kind} project, got ${value.length}`);
  if (value.length > MAX_ANNOTATED_RESPONSES)
    throw new LineError(
      'responses',
      `has ${value.length} responses; an item takes at most ${MAX_ANNOTATED_RESPONSES}, even fully annotated`,
    );
  const seen = new Set<string>();
  return value.map((response, index) => {
    const field = `responses[${index}]`;
    if (!isRecord(response)) throw new LineError(field, 'must be an object');
    const id = readId(response.id, `${field}.id`);
    if (seen.has(id)) throw new LineError(`${field}.id`, `duplicate response id "${id}"`);
    seen.add(id);
    const source = response.source ?? 'model';
    if (!(RESPONSE_SOURCES as readonly unknown[]).includes(source))
      throw new LineError(`${field}.source`, `must be one of ${RESPONSE_SOURCES.join(', ')}`);
    return {
      id,
      text: readText(response.text, `${field}.text`, true)!,
      source: source as ResponseSource,
      model: readOptionalName(response.model, `${field}.model`),
      modelVersion: readOptionalName(response.model_version ?? response.modelVersion, `${field}.model_version`),
      generator: readOptionalName(response.generator, `${field}.generator`),
    };
  });
}

function requireResponse(id: unknown, field: string, responseIds: Set<string>): string {
  const value = readId(id, field);
  if (!responseIds.has(value)) throw new LineError(field, `names unknown response id "${value}"`);
  return value;
}

function readCriterion(value: unknown, field: string, rules: ImportRules): string {
  const criterion = value ?? 'overall';
  const known = [...rules.criteria, 'overall'];
  if (typeof criterion !== 'string' || !known.includes(criterion))
    throw new LineError(field, `must be one of ${known.join(', ')}`);
  return criterion;
}

function readAnnotation(value: unknown, index: number, rules: ImportRules, responseIds: Set<string>): ImportAnnotation {
  const field = `annotations[${index}]`;
  if (!isRecord(value)) throw new LineError(field, 'must be an object');
  const annotator = readId(value.annotator, `${field}.annotator`);
  const annotatorKind = value.annotator_kind === 'judge' || value.annotatorKind === 'judge' ? 'judge' : 'external';
  if (value.kind !== rules.kind)
    throw new LineError(`${field}.kind`, `must be "${rules.kind}" in this ${rules.kind} project`);
  if (value.kind === 'rating') {
    const score = value.score;
    if (typeof score !== 'number' || !Number.isInteger(score) || score < rules.scale.min || score > rules.scale.max) {
      throw new LineError(
        `${field}.score`,
        `${JSON.stringify(score)} is outside the project scale ${rules.scale.min}-${rules.scale.max}`,
      );
    }
    return {
      annotator,
      annotatorKind,
      kind: 'rating',
      response: requireResponse(value.response, `${field}.response`, responseIds),
      criterion: readCriterion(value.criterion, `${field}.criterion`, rules),
      score,
    };
  }
  if (value.kind === 'pairwise') {
    const a = requireResponse(value.a, `${field}.a`, responseIds);
    const b = requireResponse(value.b, `${field}.b`, responseIds);
    if (a === b) throw new LineError(`${field}.b`, 'must differ from a');
    if (!(PAIRWISE_CHOICES as readonly unknown[]).includes(value.choice))
      throw new LineError(`${field}.choice`, `must be one of ${PAIRWISE_CHOICES.join(', ')}`);
    const strength = value.strength ?? null;
    if (strength !== null && !(STRENGTHS as readonly unknown[]).includes(strength))
      throw new LineError(`${field}.strength`, 'must be slightly or much');
    return {
      annotator,
      annotatorKind,
      kind: 'pairwise',
      a,
      b,
      criterion: readCriterion(value.criterion, `${field}.criterion`, rules),
      choice: value.choice as PairwiseChoice,
      strength: strength as Strength | null,
    };
  }
  if (value.kind === 'ranking') {
    if (!Array.isArray(value.ranking))
      throw new LineError(`${field}.ranking`, 'must be a list of response ids, best first');
    const groups = value.ranking.map((entry, position) =>
      (Array.isArray(entry) ? entry : [entry]).map((id) =>
        requireResponse(id, `${field}.ranking[${position}]`, responseIds),
      ),
    );
    const flat = groups.flat();
    if (new Set(flat).size !== flat.length) throw new LineError(`${field}.ranking`, 'names a response twice');
    if (flat.length !== responseIds.size)
      throw new LineError(`${field}.ranking`, `must rank all ${responseIds.size} responses`);
    if (!rules.allowTies && groups.some((group) => group.length > 1))
      throw new LineError(`${field}.ranking`, 'has ties, which this project does not allow');
    return { annotator, annotatorKind, kind: 'ranking', ranking: groups };
  }
  throw new LineError(`${field}.kind`, 'must be rating, pairwise or ranking');
}

/** Responses each annotation judges. */
function annotatedResponses(annotation: ImportAnnotation): string[] {
  if (annotation.kind === 'rating') return [annotation.response];
  if (annotation.kind === 'pairwise') return [annotation.a, annotation.b];
  return annotation.ranking.flat();
}

/**
 * The project's per-item limit bounds what clinicians are asked to label. An item over it is accepted (up to
 * MAX_ANNOTATED_RESPONSES) only when every response already carries an annotation; it is then never queued for labelling.
 */
function checkResponseLimit(responses: ImportResponse[], annotations: ImportAnnotation[], rules: ImportRules): void {
  const limit = rules.maxResponsesPerItem;
  if (responses.length <= limit) return;
  const annotated = new Set(annotations.flatMap(annotatedResponses));
  const missing = responses.filter((response) => !annotated.has(response.id)).length;
  if (missing === 0) return;
  throw new LineError(
    'responses',
    `has ${responses.length} responses, over this project's limit of ${limit} per item (setting maxResponsesPerItem); an item with more is accepted, up to ${MAX_ANNOTATED_RESPONSES}, only when every response already has an annotation (${missing} have none)`,
  );
}

function readItem(value: unknown, rules: ImportRules): ImportItem {
  if (!isRecord(value)) throw new LineError('(line)', 'must be a JSON object');
  const defect = findTextDefect(value, '');
  if (defect) throw new LineError(defect.path, defect.reason);
  const id = readId(value.id, 'id');
  if (typeof value.language !== 'string' || !LANGUAGE_CODE.test(value.language))
    throw new LineError('language', 'is missing or not a language code such as en, zh or ar');
  if (rules.languages.length && !rules.languages.includes(value.language))
    throw new LineError(
      'language',
      `"${value.language}" is not one of the project's languages (${rules.languages.join(', ')})`,
    );
  if ((value.prompt === undefined) === (value.messages === undefined))
    throw new LineError('prompt', 'give either prompt or messages, not both or neither');
  const responses = readResponses(value.responses, rules.kind);
  const responseIds = new Set(responses.map((response) => response.id));
  let gold: ImportItem['gold'] = null;
  if (value.gold !== undefined && value.gold !== null) {
    if (!isRecord(value.gold)) throw new LineError('gold', 'must be {criterion, preferred}');
    gold = {
      criterion: readCriterion(value.gold.criterion, 'gold.criterion', rules),
      preferred: requireResponse(value.gold.preferred, 'gold.preferred', responseIds),
    };
  }
  const annotations = value.annotations ?? [];
  if (!Array.isArray(annotations)) throw new LineError('annotations', 'must be a list');
  if (annotations.length > IMPORT_LIMITS.maxAnnotations)
    throw new LineError('annotations', `has more than ${IMPORT_LIMITS.maxAnnotations} entries`);
  const parsedAnnotations = annotations.map((annotation, index) =>
    readAnnotation(annotation, index, rules, responseIds),
  );
  checkResponseLimit(responses, parsedAnnotations, rules);
  if (value.metadata !== undefined && !isRecord(value.metadata)) throw new LineError('metadata', 'must be an object');
  const metadataProblem = value.metadata === undefined ? null : jsonLimitProblem(value.metadata);
  if (metadataProblem) throw new LineError('metadata', metadataProblem);
  if (value.specialty !== undefined && value.specialty !== null && typeof value.specialty !== 'string')
    throw new LineError('specialty', 'must be a string');
  return {
    id,
    language: value.language,
    specialty: typeof value.specialty === 'string' ? value.specialty.trim() : '',
    prompt: value.prompt === undefined ? null : readText(value.prompt, 'prompt', true),
    messages: value.messages === undefined ? null : readMessages(value.messages),
    reference: readText(value.reference, 'reference', false),
    responses,
    gold,
    annotations: parsedAnnotations,
    metadata: (value.metadata as Record<string, unknown>) ?? {},
  };
}

export type ParsedLine = { line: number; item: ImportItem } | { line: number; problem: ImportProblem };

/** Parses one JSONL line (already decoded) into an item, or a problem naming the line, the field and the reason. */
export function parseImportLine(text: string, line: number, rules: ImportRules): ParsedLine {
  if (encoder.encode(text).length > IMPORT_LIMITS.maxLineBytes)
    return { line, problem: { line, field: '(line)', reason: `is longer than ${IMPORT_LIMITS.maxLineBytes} bytes` } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, problem: { line, field: '(line)', reason: `invalid JSON: ${(error as Error).message}` } };
  }
  try {
    return { line, item: readItem(value, rules) };
  } catch (error) {
    if (error instanceof LineError) return { line, problem: { line, field: error.field, reason: error.message } };
    throw error;
  }
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads import lines one at a time, as raw bytes with their 1-based numbers, decoding each strictly: a line with
 * invalid UTF-8 becomes a problem instead of silently gaining replacement characters. Blank lines give null, and a
 * later line reusing an id is reported. parseImportFile and streamed uploads share it, so both validate alike.
 */
export class ImportLineReader {
  private readonly seenIds = new Map<string, number>();

  constructor(private readonly rules: ImportRules) {}

  read(raw: Uint8Array, line: number): ParsedLine | null {
    if (raw.length > IMPORT_LIMITS.maxLineBytes)
      return { line, problem: { line, field: '(line)', reason: `is longer than ${IMPORT_LIMITS.maxLineBytes} bytes` } };
    let text: string;
    try {
      text = strictDecoder.decode(raw);
    } catch {
      return { line, problem: { line, field: '(line)', reason: 'invalid UTF-8' } };
    }
    if (text.trim() === '') return null;
    const parsed = parseImportLine(text.replace(/^\uFEFF/, '').replace(/\r$/, ''), line, this.rules);
    if (!('item' in parsed)) return parsed;
    const earlier = this.seenIds.get(parsed.item.id);
    if (earlier !== undefined)
      return {
        line,
        problem: { line, field: 'id', reason: `duplicate id "${parsed.item.id}" (first seen on line ${earlier})` },
      };
    this.seenIds.set(parsed.item.id, line);
    return parsed;
  }
}

/** Splits raw JSONL bytes into lines and reads each (see ImportLineReader). */
export function parseImportFile(bytes: Uint8Array, rules: ImportRules): ParsedLine[] {
  const reader = new ImportLineReader(rules);
  const results: ParsedLine[] = [];
  let start = 0;
  let line = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    line += 1;
    const parsed = reader.read(bytes.subarray(start, end), line);
    start = end + 1;
    if (parsed) results.push(parsed);
  }
  return results;
}

/** A line of a streamed file: what it parsed to (null for a blank line), and the bytes read so far including it. */
export interface StreamedLine {
  parsed: ParsedLine | null;
  line: number;
  bytesRead: number;
}

/**
 * Reads a JSONL byte stream line by line, holding at most one line in memory: a line over the line limit is reported
 * and skipped to its end without being kept.
 */
export async function* readImportStream(
  chunks: AsyncIterable<Uint8Array>,
  rules: ImportRules,
): AsyncGenerator<StreamedLine> {
  const reader = new ImportLineReader(rules);
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let bytesRead = 0;
  let line = 0;
  const finishLine = (): StreamedLine => {
    line += 1;
    const raw = tooLong ? new Uint8Array(IMPORT_LIMITS.maxLineBytes + 1) : concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    tooLong = false;
    return { parsed: reader.read(raw, line), line, bytesRead };
  };
  for await (const chunk of chunks) {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline;
      if (!tooLong) {
        pending.push(chunk.subarray(start, end));
        pendingBytes += end - start;
        if (pendingBytes > IMPORT_LIMITS.maxLineBytes) {
          tooLong = true;
          pending = [];
        }
      }
      bytesRead += end - start + (newline === -1 ? 0 : 1);
      start = end + 1;
      if (newline !== -1) yield finishLine();
    }
  }
  yield finishLine();
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
