import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('gives a zero-setup development default on the embedded database', () => {
    const config = loadConfig({}, '/srv/clinrank');
    expect(config.databaseUrl).toBeNull();
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('/srv/clinrank/.data');
    expect(config.seedDemo).toBe(true);
  });

  it('names the variable when DATABASE_URL is not a postgres URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x@y/z' })).toThrow(new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://, got "mysql://"'));
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL: is not a URL/);
  });

  it('requires a JWT secret in production and turns demo seeding off', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: is required/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/at least 32/);
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
    expect(config.seedDemo).toBe(false);
  });

  it('refuses malformed numbers and booleans', () => {
    expect(() => loadConfig({ PORT: '80a' })).toThrow(/PORT: must be a whole number/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT: must be between/);
    expect(() => loadConfig({ SEED_DEMO: 'maybe' })).toThrow(/SEED_DEMO: must be true or false/);
  });
});
