import { policyDecisionKindSchema } from '../../../src-shared/domain';
import { StudioError } from '../../../src-shared/errors';
import { LIMITS } from '../../../src-shared/limits';
import { toFtsMatchExpression } from './ftsQuery';
import { normalizeInstant } from './instant';
import type { HistoryQuery } from './types';

export const DEFAULT_PAGE_SIZE = 50;

export interface ListPlan {
  /** SQL after `FROM generations g`, without ORDER/LIMIT. */
  where: string;
  /** The search is the only filter: the total can be counted from the full-text index alone. */
  searchOnly: boolean;
  params: Record<string, string | number>;
  limit: number;
  offset: number;
  /** A search with nothing searchable in it: the answer is empty without asking SQLite. */
  matchesNothing: boolean;
}

/** Checks every filter and turns them into one parameterised WHERE clause. */
export function planList(query: HistoryQuery): ListPlan {
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  let matchesNothing = false;

  if (query.query !== undefined) {
    if (typeof query.query !== 'string') throw invalid('query');
    if (query.query.trim() !== '') {
      const match = toFtsMatchExpression(query.query);
      if (match === null) matchesNothing = true;
      else {
        // The unary + keeps SQLite from driving the query by the matches (a lookup and a sort of
        // every matching row); it walks the date or filter index instead and stops after one page.
        clauses.push('+g.seq IN (SELECT rowid FROM generations_fts WHERE generations_fts MATCH @match)');
        params.match = match;
      }
    }
  }
  if (query.voiceId !== undefined) {
    if (typeof query.voiceId !== 'string') throw invalid('voiceId');
    clauses.push('g.voice_id = @voiceId');
    params.voiceId = query.voiceId;
  }
  if (query.decision !== undefined) {
    const decision = policyDecisionKindSchema.safeParse(query.decision);
    if (!decision.success) throw invalid('decision');
    clauses.push('g.policy_decision = @decision');
    params.decision = decision.data;
  }
  if (query.from !== undefined) {
    const from = normalizeInstant(query.from);
    if (from === null) throw invalid('from');
    clauses.push('g.created_at >= @from');
    params.from = from;
  }
  if (query.to !== undefined) {
    const to = normalizeInstant(query.to);
    if (to === null) throw invalid('to');
    clauses.push('g.created_at < @to');
    params.to = to;
  }

  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.maxHistoryPage) throw invalid('limit');
  const offset = query.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw invalid('offset');

  return {
    where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '',
    searchOnly: clauses.length === 1 && 'match' in params,
    params,
    limit,
    offset,
    matchesNothing,
  };
}

function invalid(field: string): StudioError {
  return new StudioError('INVALID_REQUEST', { details: { field } });
}
