import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from '../src/client/realtime/sse-parser.ts';

function collect(chunks: string[]) {
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const ids: string[] = [];
  const parser = createSseParser({
    onMessage: (message) => messages.push(message),
    onComment: (comment) => comments.push(comment),
    onRetry: (ms) => retries.push(ms),
    onId: (id) => ids.push(id),
  });
  for (const chunk of chunks) parser.feed(chunk);
  return { messages, comments, retries, ids, parser };
}

describe('the event stream parser', () => {
  it('reads id, event and data, and dispatches on a blank line', () => {
    const { messages } = collect(['id: 7\nevent: notification.created\ndata: {"a":1}\n\n']);
    expect(messages).toEqual([{ id: '7', event: 'notification.created', data: '{"a":1}' }]);
  });

  it('joins several data lines with a line feed and defaults the event type to message', () => {
    const { messages } = collect(['data: one\ndata:two\ndata\n\n']);
    expect(messages).toEqual([{ id: '', event: 'message', data: 'one\ntwo\n' }]);
  });

  it('accepts CRLF, LF and CR line ends, even when a CRLF is split between chunks', () => {
    const { messages } = collect([
      'id: 1\r\ndata: a\r',
      '\n\r\nid: 2\rdata: b\r\r',
      'id: 3\ndata: c\n\n',
    ]);
    expect(messages.map((m) => [m.id, m.data])).toEqual([
      ['1', 'a'],
      ['2', 'b'],
      ['3', 'c'],
    ]);
  });

  it('puts lines back together when a chunk ends in the middle of one', () => {
    const text = 'id: 12\nevent: notifications.changed\ndata: {"items":[]}\n\n';
    const { messages } = collect(text.split(''));
    expect(messages).toEqual([{ id: '12', event: 'notifications.changed', data: '{"items":[]}' }]);
  });

  it('reports comments such as heartbeats without dispatching an event', () => {
    const { messages, comments } = collect([': heartbeat\n\n:raw\n\n']);
    expect(messages).toEqual([]);
    expect(comments).toEqual(['heartbeat', 'raw']);
  });

  it('takes retry only when it is all digits', () => {
    const { retries } = collect(['retry: 2500\nretry: 1e3\nretry: -1\nretry:300\n\n']);
    expect(retries).toEqual([2500, 300]);
  });

  it('keeps the last id for events without one and ignores ids holding NUL', () => {
    const { messages } = collect(['id: 4\ndata: x\n\ndata: y\n\nid: 5\u00006\ndata: z\n\n']);
    expect(messages.map((m) => m.id)).toEqual(['4', '4', '4']);
  });

  it('reports an id sent in a block without data, and dispatches nothing for it', () => {
    const { messages, ids } = collect(['id: 40\n\nid: 41\ndata: x\n\n']);
    expect(ids).toEqual(['40']);
    expect(messages).toEqual([{ id: '41', event: 'message', data: 'x' }]);
  });

  it('drops a leading byte order mark, ignores unknown fields and an unfinished event', () => {
    const { messages } = collect(['\ufeffdata: first\nfoo: bar\n\ndata: never finished']);
    expect(messages).toEqual([{ id: '', event: 'message', data: 'first' }]);
  });

  it('forgets a partial event on reset, as a new connection must', () => {
    const { messages, parser } = collect(['event: x\ndata: half']);
    parser.reset();
    parser.feed('data: whole\n\n');
    expect(messages).toEqual([{ id: '', event: 'message', data: 'whole' }]);
  });
});
