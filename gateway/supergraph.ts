import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { logger } from '../platform/logger';
import { SCHEMA_DIR } from '../platform/paths';
import { trialPlan } from './supergraph-trial';

/** The composed supergraph in the checkout (written by `npm run compose`). */
export const DEFAULT_SUPERGRAPH_FILE = join(SCHEMA_DIR, 'supergraph.graphql');

/** How long a supergraph URL may take to answer before it counts as unreachable. */
const FETCH_TIMEOUT_MS = 10_000;

/** The composed supergraph the gateway runs (written by `npm run compose`). */
export function readSupergraph(): Promise<string> {
  return readFile(DEFAULT_SUPERGRAPH_FILE, 'utf8');
}

/**
 * The supergraph with each subgraph's URL replaced by where it runs here: the composed file carries the
 * default local URLs. A subgraph the supergraph names but the configuration does not is an error.
 */
export function withSubgraphUrls(supergraph: string, urls: Record<string, string>): string {
  return supergraph.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (_match, name: string) => {
    const url = urls[name];
    if (!url) throw new Error(`No URL configured for subgraph ${name}`);
    return `@join__graph(name: ${JSON.stringify(name)}, url: ${JSON.stringify(url)})`;
  });
}

/** Where the gateway reads its supergraph, and how often it looks for a new one. */
export interface SupergraphSource {
  /** A file with the composed supergraph; read when no `url` is given. */
  file: string;
  /** A URL that serves the supergraph (HTTP GET); wins over `file`. */
  url: string | null;
  /** Milliseconds between looks for a new supergraph; 0 never looks again. */
  pollIntervalMs: number;
}

/** What became of a supergraph the gateway found; each is logged as well. */
export type SupergraphEvent =
  /** Serving it now (also the first one). `digest`: SHA-256 of the supergraph as read, 16 hex. */
  | { kind: 'applied'; digest: string }
  /** It does not parse, names an unknown subgraph or does not plan: the current one keeps serving. */
  | { kind: 'refused'; digest: string; reason: string }
  /** The file or URL could not be read: the current one keeps serving. */
  | { kind: 'unreachable'; reason: string };

const digestOf = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Reads the supergraph for the engine, which calls `load()` at start and on every poll. A new one is
 * accepted only when it parses, every subgraph it names has a URL here, and the Rust planner plans each of
 * its root fields in a separate process; otherwise `load()` hands back the one that serves now, so the
 * engine keeps it (fail closed, keep serving). The first supergraph must pass the same checks but the
 * trial plan, which the engine's own planner makes at once: a gateway that cannot load it does not start.
 */
export class SupergraphLoader {
  private current: { raw: string; sdl: string; digest: string } | null = null;
  /** Supergraphs refused before, by digest: tried and logged once, not at every poll. */
  private readonly refused = new Set<string>();
  private unreachable = false;
  /** The digest handed to the engine and not yet in service. */
  private pending: string | null = null;
  private loading: Promise<string> | null = null;

  constructor(
    private readonly source: SupergraphSource,
    private readonly subgraphUrls: Record<string, string>,
    private readonly onEvent: (event: SupergraphEvent) => void = () => undefined,
  ) {}

  /** The supergraph to serve, with this gateway's subgraph URLs: a new one if it passes, else the current. */
  load(): Promise<string> {
    // One look at a time: the engine's poll and a start may ask together.
    return (this.loading ??= this.look().finally(() => (this.loading = null)));
  }

  /** The engine serves what `load()` last handed it. */
  served(): void {
    if (!this.pending) return;
    const digest = this.pending;
    this.pending = null;
    logger.info({ service: 'gateway', supergraph: digest }, 'supergraph in service');
    this.onEvent({ kind: 'applied', digest });
  }

  private async read(): Promise<string> {
    if (!this.source.url) return readFile(this.source.file, 'utf8');
    const response = await fetch(this.source.url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${this.source.url} answered HTTP ${response.status}`);
    return response.text();
  }

  private async look(): Promise<string> {
    let raw: string;
    try {
      raw = await this.read();
    } catch (error) {
      if (!this.current) throw error;
      const reason = reasonOf(error);
      if (!this.unreachable) {
        logger.warn(
          { service: 'gateway', source: this.source.url ?? this.source.file, reason },
          'supergraph unreachable; the current one keeps serving',
        );
        this.onEvent({ kind: 'unreachable', reason });
      }
      this.unreachable = true;
      return this.current.sdl;
    }
    this.unreachable = false;
    if (this.current && raw === this.current.raw) return this.current.sdl;
    const digest = digestOf(raw);
    if (this.current && this.refused.has(digest)) return this.current.sdl;
    try {
      const sdl = withSubgraphUrls(raw, this.subgraphUrls);
      buildSchema(sdl);
      if (this.current) await trialPlan(sdl);
      this.current = { raw, sdl, digest };
      this.pending = digest;
      return sdl;
    } catch (error) {
      if (!this.current) throw error;
      const reason = reasonOf(error);
      this.refused.add(digest);
      logger.error(
        { service: 'gateway', supergraph: digest, serving: this.current.digest, reason },
        'supergraph refused; the current one keeps serving',
      );
      this.onEvent({ kind: 'refused', digest, reason });
      return this.current.sdl;
    }
  }
}
