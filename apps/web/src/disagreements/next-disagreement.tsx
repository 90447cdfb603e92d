import { Button } from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { graphql } from '../gql/index.js';
import { gqlQuery } from '../providers/graphql-client.js';

const OPEN_DISAGREEMENTS = graphql(`
  query OpenDisagreements($projectId: ID!) {
    disagreements(projectId: $projectId, criterion: "overall", limit: 200, offset: 0) {
      rows {
        itemId
        adjudicated
      }
    }
  }
`);

/** Goes to the least-agreed item of the project still waiting for a ruling, other than this one; says so when none is left. */
export function NextDisagreementButton({
  projectId,
  itemId,
  variant = 'outlined',
}: {
  projectId: string;
  itemId: string;
  variant?: 'outlined' | 'contained';
}) {
  const translate = useTranslate();
  const navigate = useNavigate();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const next = async () => {
    setBusy(true);
    try {
      const { disagreements } = await gqlQuery(OPEN_DISAGREEMENTS, { projectId });
      const open = disagreements.rows.find((row) => !row.adjudicated && row.itemId !== itemId);
      if (open) navigate(`/review/${open.itemId}`);
      else notify('clinrank.disagreements.next_none', { type: 'info' });
    } catch (caught) {
      notify((caught as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant={variant} disabled={busy} onClick={() => void next()} data-testid="next-disagreement">
      {translate('clinrank.disagreements.next')}
    </Button>
  );
}
