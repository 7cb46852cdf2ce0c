// Server-sent events read over fetch rather than EventSource, so the page sees the answer's status and can stop for
// good when the server refuses it. Reconnects with backoff until closed, asking for a fresh address every time.

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface EventStreamOptions {
  /** Asked before every (re)connection, so each can carry a fresh nonce. */
  url(): Promise<string>;
  fetch: FetchFn;
  onEvent(name: string, data: string): void;
  /** The stream ended, or could not be opened; a reconnection follows unless the stream was closed. */
  onDrop?(): void;
  /** The server answered but refused the stream: no reconnection follows. */
  onRefused?(status: number): void;
  /** First reconnect delay; doubles up to maxRetryMs and resets after a good connection. */
  retryMs?: number;
  maxRetryMs?: number;
}

/** Opens the stream; the returned function closes it for good. */
export function openEventStream({
  url,
  fetch,
  onEvent,
  onDrop,
  onRefused,
  retryMs = 1000,
  maxRetryMs = 30_000,
}: EventStreamOptions): () => void {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay = retryMs;

  const connect = async (): Promise<void> => {
    try {
      const res = await fetch(await url(), { headers: { accept: 'text/event-stream' }, signal: controller.signal });
      if (!res.ok || !res.body) {
        controller.abort();
        onRefused?.(res.status);
        return;
      }
      delay = retryMs;
      await readEvents(res.body, onEvent);
    } catch {
      // A dropped or unreachable stream is retried below; the next event brings the state up to date.
    }
    if (controller.signal.aborted) return;
    onDrop?.();
    timer = setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, maxRetryMs);
  };
  void connect();
  return () => {
    controller.abort();
    clearTimeout(timer);
  };
}

/** Parses an event stream (HTML Living Standard §9.2: blank line ends an event; `event:` names it; `data:` lines join). */
export async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (name: string, data: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer = (buffer + decoder.decode(value, { stream: true })).replace(/\r\n?/g, '\n');
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      dispatchBlock(buffer.slice(0, end), onEvent);
      buffer = buffer.slice(end + 2);
    }
  }
}

function dispatchBlock(block: string, onEvent: (name: string, data: string) => void): void {
  let name = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length > 0) onEvent(name, data.join('\n'));
}
