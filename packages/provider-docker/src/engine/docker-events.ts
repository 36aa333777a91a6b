/** A container event the watcher cares about. */
export interface DockerEvent {
  action: string;
  id: string;
  /** `kill` events carry the signal number */
  signal?: string;
}

/** An event is a few hundred bytes; a line this long means the stream is not Docker's. */
export const MAX_EVENT_LINE = 1 << 20;

export interface ParseEventsOptions {
  /** runs once the stream is over, however it ended */
  onEnd?(): void;
  /** turns a stream failure into the source's coded error (default: rethrown as is) */
  wrapError?(err: unknown): Error;
}

/** The engine's newline-delimited JSON event stream → events; destroyed on abort. */
export async function* parseEvents(
  stream: AsyncIterable<unknown> & { destroy(): void }, signal: AbortSignal, options: ParseEventsOptions = {},
): AsyncIterable<DockerEvent> {
  let buffer = '';
  const abort = () => stream.destroy();
  signal.addEventListener('abort', abort, { once: true });
  try {
    for await (const chunk of stream) {
      buffer += String(chunk);
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) yield toEvent(line);
      }
      if (buffer.length > MAX_EVENT_LINE) throw new Error(`an event line exceeds ${MAX_EVENT_LINE} bytes`);
    }
  } catch (err) {
    throw options.wrapError ? options.wrapError(err) : err;
  } finally {
    signal.removeEventListener('abort', abort);
    options.onEnd?.();
  }
}

function toEvent(line: string): DockerEvent {
  const msg = JSON.parse(line) as { Action?: string; id?: string; Actor?: { ID?: string; Attributes?: Record<string, string> } };
  return { action: msg.Action ?? '', id: msg.Actor?.ID ?? msg.id ?? '', signal: msg.Actor?.Attributes?.signal };
}

/** What `GET /events` needs from a dockerode client (the stream client, which has no timeout). */
export interface EventStreamClient {
  getEvents(options: object): Promise<unknown>;
}

/**
 * `GET /events` with the given filters → parsed events. The HTTP call is aborted with `signal`;
 * failures (opening or mid-stream) are turned into the source's coded error by `wrapError`.
 */
export async function openEventStream(
  client: EventStreamClient, filters: Record<string, string[]>, signal: AbortSignal, wrapError: (err: unknown) => Error,
): Promise<AsyncIterable<DockerEvent>> {
  const call = new AbortController();
  const abort = (): void => call.abort();
  signal.addEventListener('abort', abort, { once: true });
  try {
    const raw = (await client.getEvents({ filters, abortSignal: call.signal })) as AsyncIterable<unknown> & { destroy(): void };
    return parseEvents(raw, signal, { onEnd: () => signal.removeEventListener('abort', abort), wrapError });
  } catch (err) {
    signal.removeEventListener('abort', abort);
    throw wrapError(err);
  }
}
