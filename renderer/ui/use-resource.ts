// Loads one reply for the current inputs and keeps it; a newer load always wins over a slower older one.
import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorData, Result } from '../../shared/errors';
import { settle } from '../api/settle';

export interface Resource<T> {
  data: T | undefined;
  error: AppErrorData | undefined;
  loading: boolean;
  reload(): void;
  /** Replaces the data after a mutation that returned the new value, without another round trip. */
  set(value: T): void;
}

export function useResource<T>(load: () => Promise<Result<T>>, deps: DependencyList): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<AppErrorData>();
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when `load` changes meaning.
  useEffect(() => {
    const mine = ++generation.current;
    setLoading(true);
    settle(load()).then((result) => {
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
