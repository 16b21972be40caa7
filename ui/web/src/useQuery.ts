/** Runs a typed document when its variables change; `reload` runs it again. */
import { useCallback, useEffect, useState } from 'react';
import type { DocumentNode } from 'graphql';
import type { ResultOf, VariablesOf } from '@hoi/client-kit';
import { request, type ApiResult } from './api';

/** The state of one query. */
export interface QueryState<R> extends ApiResult<R> {
  readonly loading: boolean;
  reload(): void;
}

export function useQuery<D extends DocumentNode>(
  document: D,
  variables: VariablesOf<D> | null,
): QueryState<ResultOf<D>> {
  const [result, setResult] = useState<ApiResult<ResultOf<D>>>({ data: null, errors: [] });
  const [loading, setLoading] = useState(variables !== null);
  const [round, setRound] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (variables === null) return;
    let live = true;
    setLoading(true);
    void request(document, variables).then((r) => {
      if (!live) return;
      setResult(r);
      setLoading(false);
    });
    return () => {
      live = false;
    };
    // The variables by value (key), not by identity.
  }, [document, key, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...result, loading, reload };
}
