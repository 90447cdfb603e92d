import { readSession } from '../providers/session.js';

export interface ImportReport {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  labelsImported: number;
  committed: boolean;
  problems: { line: number; field: string; reason: string }[];
}

/** How far the server got: lines read, with the counts so far. */
export interface ImportProgress {
  lines: number;
  bytes: number;
  imported: number;
  rejected: number;
}

type UploadEvent =
  | ({ type: 'progress' } & ImportProgress)
  | { type: 'report'; report: ImportReport }
  | { type: 'error'; code: string; message: string };

/** Dispatched on window after an import, so views counting a project's items fetch the count again. */
export const ITEMS_CHANGED = 'clinrank:items-changed';

/** A refusal from the server (its code and readable message), or a dropped connection (code NETWORK). */
export class ImportUploadError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The largest file the server's streamed import takes. */
export async function fetchImportLimit(): Promise<number> {
  const response = await fetch('/api/import-limits', { headers: authorization() });
  if (!response.ok) throw new ImportUploadError(String(response.status), response.statusText);
  return ((await response.json()) as { maxBytes: number }).maxBytes;
}

function authorization(): Record<string, string> {
  const session = readSession();
  return session ? { authorization: `Bearer ${session.token}` } : {};
}

/** Reads the complete NDJSON lines that have arrived so far, from `offset` on; returns them and the new offset. */
function completeEvents(text: string, offset: number): { events: UploadEvent[]; offset: number } {
  const end = text.lastIndexOf('\n');
  if (end < offset) return { events: [], offset };
  const events = text
    .slice(offset, end)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as UploadEvent);
  return { events, offset: end + 1 };
}

function refusal(xhr: XMLHttpRequest): ImportUploadError {
  try {
    const { error } = JSON.parse(xhr.responseText) as { error: { code: string; message: string } };
    return new ImportUploadError(error.code, error.message);
  } catch {
    return new ImportUploadError(`HTTP_${xhr.status}`, `The server refused the upload (HTTP ${xhr.status})`);
  }
}

/**
 * Sends the file as the raw request body (XHR, for upload progress) and follows the server's NDJSON events: progress
 * while it reads lines, then the report, or an error with its code.
 */
export function uploadImport(
  projectId: string,
  file: Blob,
  strict: boolean,
  handlers: { onSent(sent: number, total: number): void; onProgress(progress: ImportProgress): void },
): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let offset = 0;
    let outcome: UploadEvent | null = null;
    const readEvents = () => {
      if (xhr.status !== 200) return;
      const next = completeEvents(xhr.responseText, offset);
      offset = next.offset;
      for (const event of next.events) {
        if (event.type === 'progress') handlers.onProgress(event);
        else outcome = event;
      }
    };
    xhr.open('POST', `/api/projects/${encodeURIComponent(projectId)}/import${strict ? '?strict=true' : ''}`);
    for (const [name, value] of Object.entries(authorization())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('content-type', 'application/x-ndjson');
    xhr.upload.onprogress = (event) => handlers.onSent(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onprogress = readEvents;
    xhr.onerror = () => reject(new ImportUploadError('NETWORK', 'network'));
    xhr.onload = () => {
      if (xhr.status !== 200) return reject(refusal(xhr));
      readEvents();
      const last = outcome as UploadEvent | null;
      if (last?.type === 'report') resolve(last.report);
      else if (last?.type === 'error') reject(new ImportUploadError(last.code, last.message));
      else reject(new ImportUploadError('NETWORK', 'network'));
    };
    xhr.send(file);
  });
}

/** "36.2 MB", "512 MB", "870 KB". */
export function formatBytes(bytes: number, locale: string): string {
  const format = (value: number, digits: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  if (bytes >= 1024 * 1024) return `${format(bytes / (1024 * 1024), bytes >= 100 * 1024 * 1024 ? 0 : 1)} MB`;
  return `${format(Math.max(1, bytes / 1024), 0)} KB`;
}
