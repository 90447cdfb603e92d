import { hostname } from 'node:os';

export interface WorkerSetup {
  /** The command that starts a worker on the server's own machine, as typed in the server's folder. */
  localCommand: string;
  /** The command for another machine, with the DATABASE_URL it needs (password left as a placeholder). */
  remoteCommand: string;
  remoteDatabaseUrl: string;
  /** The database listens on the server's machine only (the embedded one, or a loopback URL): remote nodes cannot reach it as is. */
  loopbackOnly: boolean;
  embedded: boolean;
}

const WORKER = 'npx clinrank worker --gpus all';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** What a worker needs to reach the server's database, locally and from another node; never includes the password. */
export function workerSetup(
  databaseUrl: string,
  embedded: boolean,
  dataDir: string,
  serverHost: string = hostname(),
): WorkerSetup {
  const url = new URL(databaseUrl);
  const loopbackOnly = embedded || LOOPBACK.has(url.hostname);
  if (url.password) url.password = 'PASSWORD';
  const local = embedded
    ? `CLINRANK_DATA_DIR=${shellQuote(dataDir)} ${WORKER}`
    : `DATABASE_URL=${shellQuote(url.toString())} ${WORKER}`;
  if (LOOPBACK.has(url.hostname)) url.hostname = serverHost;
  const remoteDatabaseUrl = url.toString();
  return {
    localCommand: local,
    remoteCommand: `DATABASE_URL=${shellQuote(remoteDatabaseUrl)} ${WORKER}`,
    remoteDatabaseUrl,
    loopbackOnly,
    embedded,
  };
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
