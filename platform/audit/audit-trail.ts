import type { EntityManager } from '@mikro-orm/postgresql';
import { isResident } from '../auth/principals';
import type { Principal } from '../context';
import type { Verwerkingsactiviteit } from './activities';
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
}

interface Line {
  activiteit: Verwerkingsactiviteit;
  bsn: string;
  velden: Set<string>;
  toegestaan: boolean;
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
 * per table before the answer leaves (see `auditPlugin`): one line per resident, activity and outcome.
 */
export class AuditTrail {
  private readonly lines = new Map<string, Line>();

  constructor(private readonly identity: AuditIdentity) {}

  record(verwerking: Verwerking): void {
    const key = `${verwerking.activiteit.id}|${verwerking.bsn}|${verwerking.toegestaan}`;
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
      start: now,
      end: now,
    });
  }

  get size(): number {
    return this.lines.size;
  }

  /** Writes the collected lines; a failure propagates so the request can fail closed. */
  async flush(em: EntityManager): Promise<void> {
    if (this.lines.size === 0) return;
    const { traceId, spanId, parentSpanId, caller, purpose, resource, pseudonymKey } = this.identity;
    const connection = em.getConnection();
    const rows = [...this.lines.values()];
    const values: unknown[] = [];
    const tuples = rows.map((line) => {
      values.push(
        traceId,
        spanId,
        parentSpanId,
        `${line.toegestaan ? 'lezen' : 'weigeren'} ${[...line.velden].join(',')}`,
        line.start,
        line.end,
        resource,
        line.activiteit.id,
        pseudonym(line.bsn, pseudonymKey),
        DATA_SUBJECT_ID_TYPE,
        GATEWAY_PROCESSOR,
        `{${[...line.velden].join(',')}}`,
        line.toegestaan ? 'TOEGESTAAN' : 'GEWEIGERD',
      );
      return `(?, ?, ?, ?, ?, ?, 'Ok', ?, ?, ?, ?, ?, ?::text[], ?)`;
    });
    this.lines.clear();
    // One statement writes the actor record and the lines: atomic without a transaction block, and one
    // round trip (and one commit) per request instead of four.
    await connection.execute(
      `with actor as (
         insert into verwerking_actor (trace_id, span_id, medewerker, organisatie, rollen, doelbinding, tijdstip)
         values (?, ?, ?, ?, ?::text[], ?, ?) on conflict do nothing
       )
       insert into verwerking (trace_id, span_id, parent_span_id, name, start_time, end_time, status, resource,
         processing_activity_id, data_subject_id, data_subject_id_type, foreign_operation_processor, velden, uitkomst)
       values ${tuples.join(', ')}`,
      [traceId, spanId, ...actor(caller), purpose, Date.now(), ...values],
      'run',
    );
  }
}
