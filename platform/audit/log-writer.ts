import type { EntityManager } from '@mikro-orm/postgresql';
import { isProofReplay, type ProofUse } from '../auth/proof-uses';
import { runSql, type SqlValue } from '../sql';

/**
 * One request's part of the processing log: its actor record and its lines, as statement values, and
 * the use of the gateway's proof it came with, recorded in the same statement (see
 * `platform/auth/proof-uses.ts`). A request that read no personal data records its proof only.
 */
export interface LogRows {
  /** Null with no lines: nothing to attribute. */
  actor: SqlValue[] | null;
  lines: SqlValue[][];
  proof?: ProofUse | null;
}

const PROOF_TUPLE = '(?, ?)';
const ACTOR_TUPLE = '(?, ?, ?, ?, ?::text[], ?, ?)';
const LINE_TUPLE = `(?, ?, ?, ?, ?, ?, 'Ok', ?, ?, ?, ?, ?, ?::text[], ?, ?)`;
/** Parameters per tuple, to keep a statement within PostgreSQL's 65535. */
const PROOF_PARAMS = 2;
const ACTOR_PARAMS = 7;
const LINE_PARAMS = 14;

/**
 * One statement that records the proofs and writes the actor records and the lines of one or more
 * requests: atomic without a transaction block, one round trip and one commit. A proof used before, at
 * this replica or another, fails the whole statement.
 */
export function logStatement(requests: readonly LogRows[]): { sql: string; params: SqlValue[] } {
  const proofs = requests.flatMap(({ proof }) => (proof ? [proof] : []));
  const actors = requests.flatMap(({ actor }) => (actor ? [actor] : []));
  const lines = requests.flatMap((request) => request.lines);
  // Each insert with its parameters, in the order they appear in the statement.
  const inserts: { name: string; sql: string; params: SqlValue[] }[] = [];
  if (proofs.length > 0) {
    inserts.push({
      name: 'bewijs',
      sql: `insert into gebruikt_bewijs (jti, verloopt_op) values ${proofs.map(() => PROOF_TUPLE).join(', ')}`,
      params: proofs.flatMap(({ jti, expiresAt }) => [jti, expiresAt]),
    });
  }
  if (actors.length > 0) {
    inserts.push({
      name: 'actor',
      sql: `insert into verwerking_actor (trace_id, span_id, medewerker, organisatie, rollen, doelbinding, tijdstip)
      values ${actors.map(() => ACTOR_TUPLE).join(', ')} on conflict do nothing`,
      params: actors.flat(),
    });
  }
  if (lines.length > 0) {
    inserts.push({
      name: 'verwerking',
      sql: `insert into verwerking (trace_id, span_id, parent_span_id, name, start_time, end_time, status, resource,
      processing_activity_id, data_subject_id, data_subject_id_type, foreign_operation_processor, velden, uitkomst,
      casusoverleg_id)
    values ${lines.map(() => LINE_TUPLE).join(', ')}`,
      params: lines.flat(),
    });
  }
  const last = inserts.pop();
  if (!last) throw new Error('A log statement needs a proof, an actor record or a line');
  const ctes = inserts.map(({ name, sql }) => `${name} as (${sql})`);
  return {
    sql: ctes.length > 0 ? `with ${ctes.join(', ')} ${last.sql}` : last.sql,
    params: [...inserts.flatMap(({ params }) => params), ...last.params],
  };
}

/** The parameters a request adds to a statement. */
function parameters({ actor, lines, proof }: LogRows): number {
  return (proof ? PROOF_PARAMS : 0) + (actor ? ACTOR_PARAMS : 0) + lines.length * LINE_PARAMS;
}

interface Waiting {
  rows: LogRows;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Bounds one statement: PostgreSQL takes at most 65535 parameters (see `parameters`). */
const MAX_PARAMS_PER_STATEMENT = 28_000;

/**
 * Writes the log lines of a subgraph's requests (group commit): while one statement is under way, the
 * lines of the requests that finish meanwhile wait, and go together in the next one. A request is
 * answered only once its own lines (and its proof's use) are committed, as before; under load, a commit
 * serves several requests. When a shared statement fails, each of its requests is tried alone, so that
 * one request's fault (a replayed proof, say) withholds no other request's answer.
 */
export class LogWriter {
  private readonly waiting: Waiting[] = [];
  private writing = false;

  /**
   * `onFailure` hears of each request whose lines could not be written (its metrics count them); a
   * replayed proof is no failure of the log.
   */
  constructor(
    private readonly em: EntityManager,
    private readonly onFailure?: (error: unknown) => void,
  ) {}

  write(rows: LogRows): Promise<void> {
    const written = new Promise<void>((resolve, reject) => {
      this.waiting.push({ rows, resolve, reject });
      if (!this.writing) void this.drain();
    });
    const { onFailure } = this;
    if (!onFailure) return written;
    return written.catch((error: unknown) => {
      if (!isProofReplay(error)) onFailure(error);
      throw error;
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.nextBatch();
        try {
          await this.writeBatch(batch);
          for (const request of batch) request.resolve();
        } catch (error) {
          if (batch.length === 1) batch[0]?.reject(error);
          else for (const request of batch) await this.alone(request);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private nextBatch(): Waiting[] {
    let params = 0;
    let count = 0;
    for (const request of this.waiting) {
      const more = parameters(request.rows);
      if (count > 0 && params + more > MAX_PARAMS_PER_STATEMENT) break;
      params += more;
      count++;
    }
    return this.waiting.splice(0, count);
  }

  private async alone(request: Waiting): Promise<void> {
    try {
      await this.writeBatch([request]);
      request.resolve();
    } catch (error) {
      request.reject(error);
    }
  }

  private async writeBatch(batch: readonly Waiting[]): Promise<void> {
    const { sql, params } = logStatement(batch.map((request) => request.rows));
    await runSql(this.em, sql, params);
  }
}
