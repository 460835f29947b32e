/**
 * Wraps `window.fetch` to record the stream requests the page makes (the badge's stream client calls
 * the global fetch on each connect) and which of them were aborted. `restore()` puts fetch back.
 */
export function streamRequests() {
  const original = window.fetch;
  const urls: string[] = [];
  const aborted: string[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/stream')) {
      urls.push(url);
      init?.signal?.addEventListener('abort', () => aborted.push(url));
    }
    return original(input, init);
  };
  return {
    urls: () => [...urls],
    aborted: () => [...aborted],
    restore: () => void (window.fetch = original),
  };
}
