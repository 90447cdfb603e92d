import { describe, expect, it } from '@jest/globals';
import { workerSetup } from './worker-setup.js';

describe('workerSetup', () => {
  it('points a local worker at the embedded database through its data directory, and warns a remote one cannot reach it', () => {
    const setup = workerSetup(
      'postgres://clinrank:clinrank@127.0.0.1:54329/clinrank',
      true,
      '/srv/clinrank/.data',
      'gpu-host',
    );
    expect(setup.localCommand).toBe('CLINRANK_DATA_DIR=/srv/clinrank/.data npx clinrank worker --gpus all');
    expect(setup.remoteCommand).toBe(
      'DATABASE_URL=postgres://clinrank:PASSWORD@gpu-host:54329/clinrank npx clinrank worker --gpus all',
    );
    expect(setup.loopbackOnly).toBe(true);
  });

  it('gives a remote node the DATABASE_URL of a shared server without its password', () => {
    const setup = workerSetup(
      'postgres://ml:s3cr%27t@db.internal:5432/clinrank?sslmode=require',
      false,
      '/data',
      'api-host',
    );
    expect(setup.remoteDatabaseUrl).toBe('postgres://ml:PASSWORD@db.internal:5432/clinrank?sslmode=require');
    expect(setup.remoteCommand).toBe(
      "DATABASE_URL='postgres://ml:PASSWORD@db.internal:5432/clinrank?sslmode=require' npx clinrank worker --gpus all",
    );
    expect(setup.localCommand).not.toContain('s3cr');
    expect(setup.loopbackOnly).toBe(false);
  });

  it('names the server host instead of a loopback address for a remote node', () => {
    const setup = workerSetup('postgres://postgres@localhost:5432/postgres', false, '/data', 'api-host');
    expect(setup.remoteDatabaseUrl).toBe('postgres://postgres@api-host:5432/postgres');
    expect(setup.loopbackOnly).toBe(true);
  });
});
