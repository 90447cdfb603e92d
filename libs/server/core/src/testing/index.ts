// Test helpers for the server features' unit specs (`@clinrank/server-core/testing`); never imported by production code.
export { automock, newTestService, testConfig } from './new-test-service.js';
export type { Fake, FakeDatabase, NewTestServiceOptions, TestService } from './new-test-service.js';
