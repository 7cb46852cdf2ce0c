// Loads one reply for the current inputs and keeps it; a newer load always wins over a slower older one.
import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorData, Result } from '../../shared/errors';
import { settle } from '../api/settle';
import type { StartupReply } from '../api/startup';

export interface Resource<T> {
  data: T | undefined;
  error: AppErrorData | undefined;
  loading: boolean;
  reload(): void;
  /** Replaces the data after a mutation that returned the new value, without another round trip. */
  set(value: T): void;
}

/**
 * `initial`, when given, stands for the first load: a start-up call already on its way. If its reply is back before
 * the first render, that render shows it and no effect runs a second load.
 */
export function useResource<T>(load: () => Promise<Result<T>>, deps: DependencyList, initial?: StartupReply<T>): Resource<T> {
  const [shown] = useState(() => initial?.settled);
  const [data, setData] = useState<T | undefined>(shown?.ok ? shown.value : undefined);
  const [error, setError] = useState<AppErrorData | undefined>(shown && !shown.ok ? shown.error : undefined);
  const [loading, setLoading] = useState(shown === undefined);
  const generation = useRef(0);
  const pending = useRef(initial);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when `load` changes meaning.
  useEffect(() => {
    const mine = ++generation.current;
    const first = pending.current;
    pending.current = undefined;
    if (first && shown) return;
    setLoading(true);
    settle(first?.reply ?? load()).then((result) => {
      if (mine !== generation.current) return;
      if (result.ok) {
        setData(result.value);
        setError(undefined);
      } else setError(result.error);
      setLoading(false);
    });
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const set = useCallback((value: T) => {
    generation.current++;
    setData(value);
    setError(undefined);
    setLoading(false);
  }, []);
  return { data, error, loading, reload, set };
}
