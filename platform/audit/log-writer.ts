import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, type SqlValue } from '../sql';

/** One request's part of the processing log: its actor record and its lines, as statement values. */
export interface LogRows {
  actor: SqlValue[];
  lines: SqlValue[][];
}

const ACTOR_TUPLE = '(?, ?, ?, ?, ?::text[], ?, ?)';
const LINE_TUPLE = `(?, ?, ?, ?, ?, ?, 'Ok', ?, ?, ?, ?, ?, ?::text[], ?, ?)`;

/**
 * One statement that writes the actor records and the lines of one or more requests: atomic without a
 * transaction block, one round trip and one commit.
 */
export function logStatement(requests: readonly LogRows[]): { sql: string; params: SqlValue[] } {
  const params: SqlValue[] = [];
  for (const { actor } of requests) params.push(...actor);
  for (const { lines } of requests) for (const line of lines) params.push(...line);
  const lineCount = requests.reduce((count, { lines }) => count + lines.length, 0);
  const sql = `with actor as (
      insert into verwerking_actor (trace_id, span_id, medewerker, organisatie, rollen, doelbinding, tijdstip)
      values ${requests.map(() => ACTOR_TUPLE).join(', ')} on conflict do nothing
    )
    insert into verwerking (trace_id, span_id, parent_span_id, name, start_time, end_time, status, resource,
      processing_activity_id, data_subject_id, data_subject_id_type, foreign_operation_processor, velden, uitkomst,
      casusoverleg_id)
    values ${Array.from({ length: lineCount }, () => LINE_TUPLE).join(', ')}`;
  return { sql, params };
}

interface Waiting {
  rows: LogRows;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Bounds one statement: PostgreSQL takes at most 65535 parameters (14 per line). */
const MAX_LINES_PER_STATEMENT = 2000;

/**
 * Writes the log lines of a subgraph's requests (group commit): while one statement is under way, the
 * lines of the requests that finish meanwhile wait, and go together in the next one. A request is
 * answered only once its own lines are committed, as before; under load, a commit serves several
 * requests. When a shared statement fails, each of its requests is tried alone, so that one request's
 * fault withholds no other request's answer.
 */
export class LogWriter {
  private readonly waiting: Waiting[] = [];
  private writing = false;

  /** `onFailure` hears of each request whose lines could not be written (its metrics count them). */
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
      onFailure(error);
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
    let lines = 0;
    let count = 0;
    for (const request of this.waiting) {
      if (count > 0 && lines + request.rows.lines.length > MAX_LINES_PER_STATEMENT) break;
      lines += request.rows.lines.length;
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
