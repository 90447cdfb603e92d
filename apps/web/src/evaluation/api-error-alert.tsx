import { Alert } from '@mui/material';
import type { ApiError } from '../providers/graphql-client.js';

/** An API error as an Alert: the server's message with its code, so a person can act on it (nothing throws). */
export function ApiErrorAlert({ error }: { error: ApiError | Error | null }) {
  if (!error) return null;
  const code = 'code' in error ? error.code : null;
  return (
    <Alert severity="error" data-code={code ?? undefined}>
      {code ? <strong>{code}: </strong> : null}
      {error.message}
    </Alert>
  );
}
