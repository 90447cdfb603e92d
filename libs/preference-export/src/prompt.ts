import { DomainError, ErrorCode, type ChatMessage } from '@clinrank/domain';
import type { ExportItem } from './types.js';

const ROLE_NAMES: Record<ChatMessage['role'], string> = { system: 'System', user: 'User', assistant: 'Assistant' };

/** The conversation the answers continue: the item's dialogue, or its single question as one user turn. */
export function promptTurns(item: ExportItem): ChatMessage[] {
  if (item.messages !== undefined && item.messages.length > 0)
    return item.messages.map(({ role, content }) => ({ role, content }));
  if (typeof item.prompt === 'string') return [{ role: 'user', content: item.prompt }];
  throw new DomainError(ErrorCode.BadUserInput, `item ${item.id} has neither a prompt nor messages`, 'prompt');
}

/**
 * The prompt as one string, ending with a separator because TRL and OpenRLHF concatenate prompt and answer as they
 * are: a single user turn is its text followed by "\n\n"; a dialogue (or anything with a system turn) is rendered as
 * "System: …\n\nUser: …\n\nAssistant: …\n\nUser: …\n\nAssistant: " — the answer continues after the final tag and space.
 */
export function renderPrompt(turns: ChatMessage[]): string {
  if (turns.length === 1 && turns[0].role === 'user') return `${turns[0].content}${PLAIN_PROMPT_SEPARATOR}`;
  const rendered = turns.map((turn) => `${ROLE_NAMES[turn.role]}: ${turn.content}`);
  return `${[...rendered, `${ROLE_NAMES.assistant}:`].join('\n\n')} `;
}

/** What follows a plain (single-turn) prompt in the string formats. */
export const PLAIN_PROMPT_SEPARATOR = '\n\n';
