/**
 * Wraps `window.fetch` to record the requests the page makes (the badge's stream client and poller
 * call the global fetch each time), which stream requests were aborted, and — while `block` is on —
 * to fail every stream request the way a blocking proxy does. `restore()` puts fetch back.
 */
export function streamRequests() {
  const original = window.fetch;
  const urls: string[] = [];
  const aborted: string[] = [];
  const polls: { url: string; ifNoneMatch: string | null }[] = [];
  const control = { block: false };
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/stream')) {
      urls.push(url);
      if (control.block) return Promise.reject(new TypeError('Failed to fetch (blocked by the test)'));
      init?.signal?.addEventListener('abort', () => aborted.push(url));
    } else if (url.includes('/api/public/status/')) {
      polls.push({ url, ifNoneMatch: new Headers(init?.headers).get('If-None-Match') });
    }
    return original(input, init);
  };
  return {
    control,
    urls: () => [...urls],
    aborted: () => [...aborted],
    polls: () => [...polls],
    restore: () => void (window.fetch = original),
  };
}
