import type { EntityManager } from '@mikro-orm/postgresql';
import { isResident, type Principal } from '../auth/principals';
import type { ProofUse } from '../auth/proof-uses';
import type { Verwerkingsactiviteit } from './activities';
import { writeLogRows, type LogRows, type LogWriter } from './log-writer';
import { DATA_SUBJECT_ID_TYPE, pseudonym } from './pseudonym';

/** `medewerker` and `organisatie` of the actor record when the resident themselves did it. */
export const RESIDENT_ACTOR = 'inwoner';

/** Every request reaches a subgraph through the gateway, on behalf of the caller's organisation. */
const GATEWAY_PROCESSOR = 'urn:twente-ketenhub:gateway';

export interface Verwerking {
  activiteit: Verwerkingsactiviteit;
  bsn: string;
  /** The field read or written, e.g. `uitkeringen`. */
  veld: string;
  toegestaan: boolean;
  /** The case conference the look was made for (a consent grant's or the conference's own id). */
  casusoverlegId?: string;
}

/**
 * What a line records: reading (`lezen`), or a change (`wijzigen`) that a mutation made and that is
 * written in the mutation's own transaction (see `runMutationWithLog`).
 */
export type Handeling = 'lezen' | 'wijzigen';

interface Line {
  activiteit: Verwerkingsactiviteit;
  bsn: string;
  velden: Set<string>;
  toegestaan: boolean;
  handeling: Handeling;
  casusoverlegId: string | null;
  start: number;
  end: number;
}

export interface AuditIdentity {
  traceId: string;
  spanId: string;
  /** The gateway's span: the parent of this subgraph's work. */
  parentSpanId: string | null;
  caller: Principal;
  purpose: string | null;
  resource: string;
  pseudonymKey: Buffer;
  /** The use of the gateway's proof, recorded with the first lines that commit (or alone). */
  proof: ProofUse | null;
}

/**
 * Who did it, for the actor record. A resident reading their own report is recorded by role only:
 * never by BSN (the line's data subject is the resident already).
 */
function actor(caller: Principal): [medewerker: string, organisatie: string, rollen: string] {
  if (isResident(caller)) return [RESIDENT_ACTOR, RESIDENT_ACTOR, '{INWONER}'];
  return [caller.employeeId, caller.organisation, `{${caller.roles.join(',')}}`];
}

/**
 * The processing log lines of one request, collected while resolvers run and written in one statement
 * before the answer leaves (see `auditPlugin`): one line per resident, activity, outcome, kind
 * (reading or change) and case conference. A mutation's lines are written in the mutation's own transaction instead.
 */
export class AuditTrail {
  private readonly lines = new Map<string, Line>();
  /** While a mutation runs, what it records is its change (see `changes`). */
  private handeling: Handeling = 'lezen';
  /** The proof's use until a commit has recorded it: a request records it once, whatever it writes. */
  private proof: ProofUse | null;

  constructor(private readonly identity: AuditIdentity) {
    this.proof = identity.proof;
  }

  record(verwerking: Verwerking): void {
    const { handeling } = this;
    const casusoverlegId = verwerking.casusoverlegId ?? null;
    const key = `${verwerking.activiteit.id}|${verwerking.bsn}|${verwerking.toegestaan}|${handeling}|${casusoverlegId ?? ''}`;
    const now = Date.now();
    const line = this.lines.get(key);
    if (line) {
      line.velden.add(verwerking.veld);
      line.end = now;
      return;
    }
    this.lines.set(key, {
      activiteit: verwerking.activiteit,
      bsn: verwerking.bsn,
      velden: new Set([verwerking.veld]),
      toegestaan: verwerking.toegestaan,
      handeling,
      casusoverlegId,
      start: now,
      end: now,
    });
  }

  get size(): number {
    return this.lines.size;
  }

  /**
   * Runs a mutation's resolver: every line it records is a change (`wijzigen`). Mutations run one at a
   * time and their result's fields only after them, so nothing else records meanwhile.
   */
  async changes<T>(work: () => Promise<T>): Promise<T> {
    this.handeling = 'wijzigen';
    try {
      return await work();
    } finally {
      this.handeling = 'lezen';
    }
  }

  /** Forgets the granted changes not yet written: the mutation that made them was rolled back. */
  discardChanges(): void {
    for (const [key, line] of this.lines)
      if (line.handeling === 'wijzigen' && line.toegestaan) this.lines.delete(key);
  }

  /**
   * Writes the collected lines with `writer` (which may write them together with other requests' lines)
   * and forgets them; a failure propagates so the request can fail closed. With no lines, the proof's
   * use is still recorded, if no mutation of the request has yet.
   */
  async flush(writer: LogWriter): Promise<void> {
    const pending = this.pending();
    if (!pending) return;
    await writer.write(pending.rows);
    pending.forget();
  }

  /**
   * Writes the collected lines with `em`, within its transaction when it has one, and returns what
   * forgets them: call it once that transaction has committed. Until then they stay collected, so a
   * rolled-back transaction loses no line of what was read.
   */
  async write(em: EntityManager): Promise<() => void> {
    const pending = this.pending();
    if (!pending) return () => undefined;
    // Joins em's transaction.
    await writeLogRows(em, [pending.rows]);
    return pending.forget;
  }

  /**
   * The rows of the lines collected so far and of the proof's use not yet recorded, and what forgets
   * exactly those; null when there is nothing to write.
   */
  private pending(): { rows: LogRows; forget: () => void } | null {
    const entries = [...this.lines.entries()];
    const { proof } = this;
    const forget = (): void => {
      for (const [key, line] of entries) if (this.lines.get(key) === line) this.lines.delete(key);
      if (proof && this.proof === proof) this.proof = null;
    };
    if (entries.length === 0) return proof ? { rows: { actor: null, lines: [], proof }, forget } : null;
    const { traceId, spanId, parentSpanId, caller, purpose, resource, pseudonymKey } = this.identity;
    const lines = entries.map(([, line]) => [
      traceId,
      spanId,
      parentSpanId,
      `${line.toegestaan ? line.handeling : 'weigeren'} ${[...line.velden].join(',')}`,
      line.start,
      line.end,
      resource,
      line.activiteit.id,
      pseudonym(line.bsn, pseudonymKey),
      DATA_SUBJECT_ID_TYPE,
      GATEWAY_PROCESSOR,
      `{${[...line.velden].join(',')}}`,
      line.toegestaan ? 'TOEGESTAAN' : 'GEWEIGERD',
      line.casusoverlegId,
    ]);
    return {
      rows: { actor: [traceId, spanId, ...actor(caller), purpose, Date.now()], lines, proof },
      forget,
    };
  }
}
