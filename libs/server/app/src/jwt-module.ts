import type { DynamicModule } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import type { AppConfig } from '@clinrank/server-core';

/** The token signer every application of the feature modules registers once (global): the API and service contexts. */
export function jwtModule(config: AppConfig): DynamicModule {
  // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a PEM public key on every
  // verify, and that failed parse (an exception) was the single biggest CPU cost of an authenticated request.
  return JwtModule.register({
    global: true,
    secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
    signOptions: { algorithm: 'HS256' },
    verifyOptions: { algorithms: ['HS256'] },
  });
}
