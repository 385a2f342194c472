import type { RequestTrace } from '../protocol';
import { gatewayOverhead } from '../stats';

/** A request of the driver, in ms: due at `due`, sent at `start`, answered at `end`. */
const trace = (id: string, due: number, start: number, end: number): RequestTrace => [
  id,
  start * 1000,
  end * 1000,
  due * 1000,
];
/** A subgraph request the probe saw under trace `id`, in ms. */
const fetch = (id: string, start: number, end: number): [string, number, number] => [
  id,
  start * 1000,
  end * 1000,
];

describe('gatewayOverhead: what of each request the gateway took', () => {
  it('counts overlapping subgraph requests once and leaves the rest to the gateway', () => {
    const overhead = gatewayOverhead(
      [trace('a', 0, 0, 10)],
      [fetch('a', 1, 4), fetch('a', 3, 6), fetch('a', 7, 8), fetch('b', 0, 10), [null, 0, 10]],
    );
    expect(overhead).toMatchObject({ matched: 1, p50: 4, subgraphP50: 6, endToEndP50: 10 });
  });

  it('splits the slowest 1% into the wait before the send, the subgraphs and the gateway', () => {
    const traces: RequestTrace[] = [];
    const served: [string, number, number][] = [];
    // 98 quick requests: 10 ms, 8 of them in a subgraph.
    for (let i = 0; i < 98; i += 1) {
      const at = i * 20;
      traces.push(trace(`q${i}`, at, at, at + 10));
      served.push(fetch(`q${i}`, at + 1, at + 9));
    }
    // Two slow ones: one waited 5 ms to be sent and spent 40 ms in a subgraph, one spent 20 ms in the gateway.
    traces.push(trace('slow1', 5000, 5005, 5055));
    served.push(fetch('slow1', 5007, 5047));
    traces.push(trace('slow2', 6000, 6000, 6060));
    served.push(fetch('slow2', 6001, 6041));
    const { tail, matched } = gatewayOverhead(traces, served);
    expect(matched).toBe(100);
    expect(tail).toEqual({ requests: 2, latency: 57.5, waiting: 2.5, subgraphs: 40, gateway: 15 });
  });

  it('has an empty tail when no request was matched to a subgraph', () => {
    const { matched, tail } = gatewayOverhead([trace('a', 0, 0, 10)], []);
    expect(matched).toBe(0);
    expect(tail.requests).toBe(0);
    expect(tail.latency).toBeNaN();
  });
});
