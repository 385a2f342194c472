import { connect, type Socket } from 'node:net';
import type { RunningHttpService } from '../../platform/service';
import { listen, type FetchServer } from '../listen';

/** Answers every request once its body is in; one to `/slow` after `delayMs`. */
function answering(delayMs: number): FetchServer {
  return {
    requestListener(req, res) {
      req.resume();
      req.on('end', () => setTimeout(() => res.end('answered'), req.url === '/slow' ? delayMs : 0));
    },
    fetch: () => new Response('answered'),
  };
}

/** Everything the server sends on a raw connection until it closes it. */
function received(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('close', () => resolve(text));
    socket.on('error', () => undefined);
  });
}

function rawConnection(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('Gateway listener: clients that send slowly', () => {
  let service: RunningHttpService;
  const limits = { headersTimeoutMs: 400, requestTimeoutMs: 600 };

  beforeAll(async () => {
    service = await listen(answering(1500), { port: 0, host: '127.0.0.1', slowClients: limits });
  });
  afterAll(() => service.close());

  it('answers 408 and closes the connection of a client that never finishes its headers', async () => {
    const socket = await rawConnection(service.port);
    const reply = received(socket);
    socket.write('POST /graphql HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n');
    expect(await reply).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('answers 408 and closes the connection of a client that stops halfway through its body', async () => {
    const socket = await rawConnection(service.port);
    const reply = received(socket);
    socket.write(
      'POST /graphql HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"query":',
    );
    expect(await reply).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('keeps an idle kept-alive connection open past the limits: the next request on it is answered', async () => {
    const socket = await rawConnection(service.port);
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    const request =
      'POST /graphql HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}';
    const answers = (count: number): Promise<void> =>
      new Promise((resolve) => {
        const check = (): void => {
          if (text.split('answered').length > count) resolve();
          else setTimeout(check, 20);
        };
        check();
      });
    socket.write(request);
    await answers(1);
    // Idle for longer than both limits: only the keep-alive timeout (65 s) ends an idle connection.
    await new Promise((resolve) => setTimeout(resolve, 2 * limits.requestTimeoutMs));
    expect(socket.destroyed).toBe(false);
    socket.write(request);
    await answers(2);
    expect(text.match(/HTTP\/1\.1 (\d+)/g)).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200']);
    socket.destroy();
  });

  it('does not bound the answer: a request received in time is answered however long that takes', async () => {
    const response = await fetch(`http://127.0.0.1:${service.port}/slow`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('answered');
  });
});
