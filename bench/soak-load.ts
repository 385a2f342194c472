/**
 * The soak's steady load: an open loop at a fixed rate through the gateway, a mix of dashboard
 * statistics and reads of a resident's personal data, each request recorded with what came back.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type ConstDirectiveNode, type ObjectTypeDefinitionNode } from 'graphql';
import { Pool } from 'undici';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { SCHEMA_DIR } from '../platform/paths';

export type SoakKind = 'inwoner' | 'dashboard';

/**
 * How a request ended: a whole answer, data with errors beside it, no data at all, or no answer by the
 * time the soak stopped waiting.
 */
export type Outcome = 'whole' | 'partial' | 'failed' | 'unanswered';

export interface SoakRequest {
  kind: SoakKind;
  /** Send and answer, ms since the load started. */
  startMs: number;
  endMs: number;
  /** The W3C trace id the request carried: the gateway and every subgraph take it over. */
  traceId: string;
  /** The resident read (inwoner only). */
  bsn: string | null;
  outcome: Outcome;
  /** `extensions.code` of each error, or `HTTP_<status>` / `TRANSPORT` when no GraphQL answer came. */
  codes: string[];
  /** Inwoner only: the partners whose part of the resident is in the answer, without an error of theirs. */
  partners: SubgraphName[];
}

/** One kind of request: its document, who sends it and with which variables. */
export interface SoakMix {
  kind: SoakKind;
  document: string;
  /** Headers of each caller: bearer token and purpose (doelbinding). */
  callers: Record<string, string>[];
  draws: { variables: Record<string, unknown>; caller: number }[];
  /** Share of the requests, 0..1; the shares of the mix add up to 1. */
  share: number;
}

function argument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((arg) => arg.name.value === name)?.value;
  if (!value) return undefined;
  if (value.kind === Kind.ENUM || value.kind === Kind.STRING) return value.value;
  if (value.kind === Kind.BOOLEAN) return String(value.value);
  return undefined;
}

/**
 * Which subgraph resolves each field of `Inwoner`, from the checked-in supergraph (`@join__field`):
 * a partner's part of a resident is the fields only that partner resolves.
 */
export function inwonerFieldOwners(): Map<string, SubgraphName> {
  const sdl = readFileSync(join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
  const document = parse(sdl);
  const graphs = new Map<string, SubgraphName>();
  const owners = new Map<string, SubgraphName>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const directive = value.directives?.find((d) => d.name.value === 'join__graph');
        const name = directive && argument(directive, 'name');
        if (name && (SUBGRAPH_NAMES as readonly string[]).includes(name))
          graphs.set(value.name.value, name as SubgraphName);
      }
    }
  }
  const inwoner = document.definitions.find(
    (d): d is ObjectTypeDefinitionNode =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Inwoner',
  );
  for (const field of inwoner?.fields ?? []) {
    const joins = (field.directives ?? []).filter(
      (d) => d.name.value === 'join__field' && argument(d, 'external') !== 'true',
    );
    const graph = joins.length === 1 && joins[0] ? argument(joins[0], 'graph') : undefined;
    const owner = graph ? graphs.get(graph) : undefined;
    if (owner) owners.set(field.name.value, owner);
  }
  if (owners.size === 0) throw new Error('the supergraph names no owner of any field of Inwoner');
  return owners;
}

interface GraphQLAnswer {
  data?: { inwoner?: Record<string, unknown> | null } | null;
  errors?: { path?: (string | number)[]; extensions?: { code?: string; serviceName?: string } }[];
}

/**
 * The partners whose part of the resident is in an answer: the resident came back (werk-inkomen
 * answered the root field), and no error belongs to the partner. An error that names no partner and
 * no field of one leaves every partner out, so nothing is counted that may not have been answered.
 */
export function answeringPartners(answer: GraphQLAnswer, owners: Map<string, SubgraphName>): SubgraphName[] {
  const inwoner = answer.data?.inwoner;
  if (!inwoner) return [];
  const failed = new Set<SubgraphName>();
  for (const error of answer.errors ?? []) {
    const service = error.extensions?.serviceName;
    const field = error.path?.[1];
    const owner =
      service && (SUBGRAPH_NAMES as readonly string[]).includes(service)
        ? (service as SubgraphName)
        : typeof field === 'string'
          ? owners.get(field)
          : undefined;
    if (!owner) return [];
    failed.add(owner);
  }
  const present = new Set<SubgraphName>(['werk-inkomen']);
  for (const [field, owner] of owners) if (field in inwoner) present.add(owner);
  return SUBGRAPH_NAMES.filter((name) => present.has(name) && !failed.has(name));
}

function outcomeOf(answer: GraphQLAnswer, kind: SoakKind): Outcome {
  const errors = answer.errors?.length ?? 0;
  const data = kind === 'inwoner' ? answer.data?.inwoner : answer.data;
  if (!data) return 'failed';
  return errors > 0 ? 'partial' : 'whole';
}

export interface LoadOptions {
  url: string;
  rate: number;
  /** The load stops sending once this many requests went out. */
  maxRequests: number;
  mix: SoakMix[];
  owners: Map<string, SubgraphName>;
}

/**
 * Sends requests on a fixed schedule whether or not earlier ones answered (an outage must not slow
 * the load down), until `stop()`; a late timer sends the requests that were due at once.
 */
export class SoakLoad {
  readonly requests: SoakRequest[] = [];
  private readonly pool: Pool;
  private readonly path: string;
  private readonly pending = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private started = 0;
  private sent = 0;
  /** True once the load stopped because it reached `maxRequests`. */
  capped = false;
  /** Set when the soak stops waiting: requests aborted then were not answered, rather than failed. */
  private abandoned = false;

  constructor(private readonly options: LoadOptions) {
    const url = new URL(options.url);
    this.path = url.pathname;
    this.pool = new Pool(url.origin, {
      connections: 128,
      headersTimeout: 60_000,
      bodyTimeout: 60_000,
      keepAliveTimeout: 60_000,
    });
  }

  /** Milliseconds since the load started. */
  now(): number {
    return performance.now() - this.started;
  }

  start(): void {
    this.started = performance.now();
    const interval = 1000 / this.options.rate;
    let next = 0;
    const tick = (): void => {
      const now = this.now();
      while (next <= now) {
        if (this.sent >= this.options.maxRequests) {
          this.capped = true;
          this.timer = null;
          return;
        }
        this.track(this.send());
        next += interval;
      }
      this.timer = setTimeout(tick, Math.max(0, next - this.now()));
    };
    tick();
  }

  private track(request: Promise<void>): void {
    this.pending.add(request);
    void request.finally(() => this.pending.delete(request));
  }

  /** Requests sent of each kind of the mix. */
  private readonly counts = new Map<SoakMix, number>();

  /**
   * The next request's kind: the one furthest behind its share, not drawn at random, so that every
   * stretch of the run (an outage too) gets its part of each kind.
   */
  private pick(): SoakMix {
    const n = this.sent + 1;
    let next = this.options.mix[0] as SoakMix;
    let behind = Number.NEGATIVE_INFINITY;
    for (const mix of this.options.mix) {
      const lag = mix.share * n - (this.counts.get(mix) ?? 0);
      if (lag > behind) [next, behind] = [mix, lag];
    }
    this.counts.set(next, (this.counts.get(next) ?? 0) + 1);
    return next;
  }

  private async send(): Promise<void> {
    const mix = this.pick();
    this.sent += 1;
    this.requests.push(await this.request(mix));
  }

  /**
   * Before the load: `rounds` requests of each kind, one at a time, not recorded with the load; the
   * gateway plans its queries and the processes warm up, and the soak sees the hub answer whole.
   */
  async warmUp(rounds: number): Promise<SoakRequest[]> {
    const answers: SoakRequest[] = [];
    for (let round = 0; round < rounds; round++)
      for (const mix of this.options.mix) answers.push(await this.request(mix));
    return answers;
  }

  private async request(mix: SoakMix): Promise<SoakRequest> {
    const draw = mix.draws[Math.floor(Math.random() * mix.draws.length)];
    if (!draw) throw new Error(`nothing to draw for ${mix.kind}`);
    const traceId = randomBytes(16).toString('hex');
    const headers = {
      'content-type': 'application/json',
      ...mix.callers[draw.caller],
      traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
    };
    const startMs = this.now();
    const bsn = typeof draw.variables.bsn === 'string' ? draw.variables.bsn : null;
    let record: Pick<SoakRequest, 'outcome' | 'codes' | 'partners'>;
    try {
      const response = await this.pool.request({
        path: this.path,
        method: 'POST',
        headers,
        body: JSON.stringify({ query: mix.document, variables: draw.variables }),
      });
      const text = await response.body.text();
      let answer: GraphQLAnswer | null = null;
      try {
        answer = JSON.parse(text) as GraphQLAnswer;
      } catch {
        // Not GraphQL: counted by its status below.
      }
      if (!answer || (response.statusCode !== 200 && !answer.errors?.length)) {
        record = { outcome: 'failed', codes: [`HTTP_${response.statusCode}`], partners: [] };
      } else {
        record = {
          outcome: response.statusCode === 200 ? outcomeOf(answer, mix.kind) : 'failed',
          codes: (answer.errors ?? []).map((error) => error.extensions?.code ?? 'NO_CODE'),
          partners: mix.kind === 'inwoner' ? answeringPartners(answer, this.options.owners) : [],
        };
      }
    } catch {
      record = this.abandoned
        ? { outcome: 'unanswered', codes: [], partners: [] }
        : { outcome: 'failed', codes: ['TRANSPORT'], partners: [] };
    }
    return { kind: mix.kind, startMs, endMs: this.now(), traceId, bsn, ...record };
  }

  /** Stops sending and waits for the answers in flight, at most `graceMs`; then aborts the rest. */
  async stop(graceMs: number): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const all = Promise.all([...this.pending]);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
    if ((await Promise.race([all, late])) === 'late') {
      this.abandoned = true;
      await this.pool.destroy();
    }
    clearTimeout(timer);
    await all;
    if (!this.pool.destroyed) await this.pool.close();
  }
}
