import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

/**
 * Within one HTTP request, an assessment is read once: the access check and the handler share the
 * read. Outside a request (the CLI, start-up jobs) nothing is remembered. A write forgets what it
 * changed, so a read after it in the same request sees it.
 */
export function requestMemo<T>(key: string, load: () => Promise<T>): Promise<T> {
  const memo = scope.getStore();
  if (memo === undefined) return load();
  const known = memo.get(key) as Promise<T> | undefined;
  if (known !== undefined) return known;
  const loading = load();
  memo.set(key, loading);
  loading.catch(() => memo.delete(key));
  return loading;
}

requestMemo.forget = (key: string): void => {
  scope.getStore()?.delete(key);
};

/** Runs `next` (the rest of a request) with its own memo. */
export function withRequestMemo(next: () => void): void {
  scope.run(new Map(), next);
}
