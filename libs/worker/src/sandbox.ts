import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { DomainError, ErrorCode } from '@clinrank/domain';
import type { JobKind } from './job-spec.js';

/** Options that name a model directory on the server, per job kind. Each must lie under MODEL_ROOTS. */
export const MODEL_PATH_OPTIONS: Record<JobKind, string[]> = {
  reward_model: ['baseModel'],
  ppo: ['policy'],
  evaluate_reward_model: [],
  bertscore: ['encoder'],
};

/** Options that hold files the server wrote for the run itself; they are shown to people as their file name only. */
const SERVER_FILE_OPTIONS = ['input'];

/** Reads MODEL_ROOTS: absolute folders, separated by ':' or ','; symlinks resolved. Empty when unset. */
export function parseModelRoots(raw: string | undefined): string[] {
  if (!raw?.trim()) return [];
  return raw
    .split(/[:,]/)
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      if (!isAbsolute(entry)) throw new Error(`MODEL_ROOTS: "${entry}" is not an absolute path`);
      return existsSync(entry) ? realpathSync(entry) : resolve(entry);
    });
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..'));
}

function refuse(field: string, message: string): never {
  throw new DomainError(ErrorCode.BadUserInput, `${field} ${message}`, field);
}

/**
 * Resolves a model given as a path under one of the roots, or as a name relative to them (`bert-tiny`), to its real
 * absolute path. Anything else (another folder, `..`, a symlink leading out) is refused, naming the option.
 */
export function resolveModelPath(field: string, value: string, roots: string[]): string {
  if (roots.length === 0)
    refuse(
      field,
      'names a model on the server, but no MODEL_ROOTS are configured; an operator must set MODEL_ROOTS to the folders that hold models',
    );
  const candidates = isAbsolute(value) ? [value] : roots.map((root) => resolve(root, value));
  for (const candidate of candidates) {
    const real = existsSync(candidate) ? realpathSync(candidate) : null;
    if (!real) continue;
    if (roots.some((root) => inside(root, real))) return real;
    refuse(
      field,
      `"${value}" is not under MODEL_ROOTS (${roots.length} configured folder${roots.length === 1 ? '' : 's'}); give a model inside them`,
    );
  }
  if (isAbsolute(value) && !roots.some((root) => inside(root, resolve(value))))
    refuse(field, `"${value}" is not under MODEL_ROOTS; give a model inside them`);
  return refuse(field, `"${value}" does not exist under MODEL_ROOTS`);
}

/** Returns the options with every model path checked against the roots and made absolute. */
export function confineModelPaths(
  kind: JobKind,
  options: Record<string, unknown>,
  roots: string[],
): Record<string, unknown> {
  const confined = { ...options };
  for (const name of MODEL_PATH_OPTIONS[kind]) {
    const value = confined[name];
    if (typeof value === 'string') confined[name] = resolveModelPath(`options.${name}`, value, roots);
  }
  return confined;
}

/** A run's config as people see it: model paths become names relative to their root, server files their base name. */
export function presentRunConfig(kind: string, config: unknown, roots: string[]): unknown {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return config;
  const spec = config as { options?: Record<string, unknown> };
  if (!spec.options || typeof spec.options !== 'object') return config;
  const options = { ...spec.options };
  for (const name of MODEL_PATH_OPTIONS[kind as JobKind] ?? []) {
    const value = options[name];
    if (typeof value !== 'string') continue;
    const root = roots.find((candidate) => inside(candidate, value));
    options[name] = root
      ? relative(root, value) || '.'
      : `(outside MODEL_ROOTS: ${value.split(/[\\/]/).filter(Boolean).pop() ?? 'model'})`;
  }
  for (const name of SERVER_FILE_OPTIONS) {
    const value = options[name];
    if (typeof value === 'string') options[name] = value.split(/[\\/]/).filter(Boolean).pop() ?? value;
  }
  return { ...spec, options };
}

/** Environment variables a trainer child may inherit; everything else (DATABASE_URL, JWT_SECRET, AWS keys…) is dropped. */
const INHERITED = [
  /^PATH$/,
  /^HOME$/,
  /^USER$/,
  /^LOGNAME$/,
  /^SHELL$/,
  /^LANG$/,
  /^LC_[A-Z]+$/,
  /^TZ$/,
  /^TMPDIR$/,
  /^TEMP$/,
  /^TMP$/,
  /^LD_LIBRARY_PATH$/,
  /^CUDA_[A-Z_]+$/,
  /^NVIDIA_[A-Z_]+$/,
  /^NCCL_[A-Z_]+$/,
  /^OMP_NUM_THREADS$/,
  /^MKL_NUM_THREADS$/,
  /^HF_HOME$/,
  /^HF_HUB_OFFLINE$/,
  /^TRANSFORMERS_OFFLINE$/,
  /^TORCH_HOME$/,
  /^TORCHINDUCTOR_CACHE_DIR$/,
  /^PYTORCH_[A-Z_]+$/,
  /^XDG_CACHE_HOME$/,
  /^VIRTUAL_ENV$/,
  /^CONDA_PREFIX$/,
  // The trainer's documented test hook (lifetime.py): a sleep, harmless in production and needed by fault tests.
  /^CLINRANK_TRAINER_SILENT_SECONDS$/,
];
/** Never passed on, even when a pattern above would match. */
const SECRET_NAME = /(SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|PRIVATE|_KEY$|^AWS_|DATABASE_URL|^PG[A-Z]+$)/i;

/** The allow-listed environment of a trainer process: the parent's harmless variables plus the launch plan's own. */
export function trainerEnvironment(parent: NodeJS.ProcessEnv, own: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined || SECRET_NAME.test(name)) continue;
    if (INHERITED.some((pattern) => pattern.test(name))) env[name] = value;
  }
  // Offline by default: a trainer never downloads models (they come from MODEL_ROOTS).
  env.HF_HUB_OFFLINE ??= '1';
  env.TRANSFORMERS_OFFLINE ??= '1';
  return { ...env, ...own };
}
