import { Client } from 'pg';

/** One statement as a `pg` client sent it to PostgreSQL: its text and its bound values. */
export interface Sent {
  text: string;
  values: unknown[];
  /** The prepared statement's name, when sent as one. */
  name?: string;
}

/**
 * Records every statement any `pg` client of this process sends while `work` runs: the subgraphs'
 * pools go through `Client.prototype.query`, whatever builds the statement (the ORM, knex, `runSql`).
 */
export async function recordStatements(work: () => Promise<void>): Promise<Sent[]> {
  const sent: Sent[] = [];
  const prototype = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = prototype.query;
  prototype.query = function recorded(this: unknown, ...args: unknown[]): unknown {
    const [config, values] = args;
    if (typeof config === 'string') sent.push({ text: config, values: Array.isArray(values) ? values : [] });
    else if (config && typeof config === 'object' && typeof (config as Sent).text === 'string') {
      const { text, values: bound, name } = config as Partial<Sent> & { text: string };
      sent.push({ text, values: bound ?? (Array.isArray(values) ? values : []), name });
    }
    return query.apply(this, args);
  };
  try {
    await work();
  } finally {
    prototype.query = query;
  }
  return sent;
}
