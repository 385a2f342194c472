import type { EntityManager } from '@mikro-orm/postgresql';
import { isProofReplay, type ProofUse } from '../auth/proof-uses';
import { runSql, type SqlArray, type SqlValue } from '../sql';

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

/**
 * A table's insert from arrays: one array per column, one element per row (`unnest` zips them). Its
 * text depends only on which tables a statement writes, never on how many rows, so PostgreSQL parses
 * and plans each of the few shapes once per connection (prepared) instead of at every commit.
 */
interface ArrayInsert {
  name: string;
  /** Each column's array type; the rows are bound column by column. */
  types: readonly string[];
  sql: string;
}

/** `unnest(?::t1[], ?::t2[], ...) as <alias>(<columns>)`. */
function unnestFrom(types: readonly string[], alias: string, columns: readonly string[]): string {
  return `unnest(${types.map((type) => `?::${type}[]`).join(', ')}) as ${alias}(${columns.join(', ')})`;
}

const PROOF_COLUMNS = ['jti', 'verloopt_op'];
const PROOF_TYPES = ['text', 'bigint'];
const PROOF: ArrayInsert = {
  name: 'bewijs',
  types: PROOF_TYPES,
  sql: `insert into gebruikt_bewijs (${PROOF_COLUMNS.join(', ')})
    select * from ${unnestFrom(PROOF_TYPES, 'p', PROOF_COLUMNS)}`,
};

const ACTOR_COLUMNS = [
  'trace_id',
  'span_id',
  'medewerker',
  'organisatie',
  'rollen',
  'doelbinding',
  'tijdstip',
];
const ACTOR_TYPES = ['text', 'text', 'text', 'text', 'text', 'text', 'bigint'];
const ACTOR: ArrayInsert = {
  name: 'actor',
  types: ACTOR_TYPES,
  // A role list travels as its array literal (`{A,B}`): an array of arrays would have to be rectangular.
  sql: `insert into verwerking_actor (${ACTOR_COLUMNS.join(', ')})
    select trace_id, span_id, medewerker, organisatie, rollen::text[], doelbinding, tijdstip
    from ${unnestFrom(ACTOR_TYPES, 'a', ACTOR_COLUMNS)} on conflict do nothing`,
};

/** A line's values, in the order of `LogRows.lines`; its status is always `Ok`. */
const LINE_COLUMNS = [
  'trace_id',
  'span_id',
  'parent_span_id',
  'name',
  'start_time',
  'end_time',
  'resource',
  'processing_activity_id',
  'data_subject_id',
  'data_subject_id_type',
  'foreign_operation_processor',
  'velden',
  'uitkomst',
  'casusoverleg_id',
];
const LINE_TYPES = LINE_COLUMNS.map((column) => (column.endsWith('_time') ? 'bigint' : 'text'));
const LINE: ArrayInsert = {
  name: 'verwerking',
  types: LINE_TYPES,
  sql: `insert into verwerking (trace_id, span_id, parent_span_id, name, start_time, end_time, status, resource,
      processing_activity_id, data_subject_id, data_subject_id_type, foreign_operation_processor, velden, uitkomst,
      casusoverleg_id)
    select trace_id, span_id, parent_span_id, name, start_time, end_time, 'Ok', resource, processing_activity_id,
      data_subject_id, data_subject_id_type, foreign_operation_processor, velden::text[], uitkomst, casusoverleg_id
    from ${unnestFrom(LINE_TYPES, 'l', LINE_COLUMNS)}`,
};

/** Rows given row by row, bound column by column: one array per column. */
function columns(rows: readonly (readonly SqlValue[])[], count: number): SqlValue[] {
  return Array.from({ length: count }, (_, column) => rows.map((row) => row[column] ?? null) as SqlArray);
}

/**
 * One statement that records the proofs and writes the actor records and the lines of one or more
 * requests: atomic without a transaction block, one round trip and one commit. A proof used before, at
 * this replica or another, fails the whole statement. Its text is one of seven (which of the three
 * tables it writes), whatever the number of rows: prepare it.
 */
export function logStatement(requests: readonly LogRows[]): { sql: string; params: SqlValue[] } {
  const proofs = requests.flatMap(({ proof }) => (proof ? [[proof.jti, proof.expiresAt]] : []));
  const actors = requests.flatMap(({ actor }) => (actor ? [actor] : []));
  const lines = requests.flatMap((request) => request.lines);
  // Each insert with its parameters, in the order they appear in the statement.
  const inserts: { insert: ArrayInsert; params: SqlValue[] }[] = [];
  for (const [insert, rows] of [
    [PROOF, proofs],
    [ACTOR, actors],
    [LINE, lines],
  ] as const) {
    if (rows.length > 0) inserts.push({ insert, params: columns(rows, insert.types.length) });
  }
  const last = inserts.pop();
  if (!last) throw new Error('A log statement needs a proof, an actor record or a line');
  const ctes = inserts.map(({ insert }) => `${insert.name} as (${insert.sql})`);
  return {
    sql: ctes.length > 0 ? `with ${ctes.join(', ')} ${last.insert.sql}` : last.insert.sql,
    params: [...inserts.flatMap(({ params }) => params), ...last.params],
  };
}

/**
 * Writes the rows of one or more requests with `logStatement`, prepared, within `em`'s transaction when
 * it has one: every writer of the log (the group commit, a mutation's transaction, a signal) goes here.
 */
export async function writeLogRows(em: EntityManager, requests: readonly LogRows[]): Promise<void> {
  const { sql, params } = logStatement(requests);
  await runSql(em, sql, params, { prepared: true });
}

/** The rows a request adds to a statement. */
function rowCount({ actor, lines, proof }: LogRows): number {
  return (proof ? 1 : 0) + (actor ? 1 : 0) + lines.length;
}

interface Waiting {
  rows: LogRows;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Bounds one statement's arrays, and so the memory a burst of requests holds in one message. */
const MAX_ROWS_PER_STATEMENT = 2_000;

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
    let rows = 0;
    let count = 0;
    for (const request of this.waiting) {
      const more = rowCount(request.rows);
      if (count > 0 && rows + more > MAX_ROWS_PER_STATEMENT) break;
      rows += more;
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
    await writeLogRows(
      this.em,
      batch.map((request) => request.rows),
    );
  }
}
