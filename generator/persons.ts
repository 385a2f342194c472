/**
 * The residents of one generated region and the index of their benefits, which the other partners'
 * generators use to pick plausible people (someone on benefit on the day a trajectory starts).
 */
import type { BsnAllocator } from './bsn';
import { addYears, iso } from './dates';
import { persoonsnaam } from './names';
import type { Random } from './random';
import type { InwonerRow, Regeling, Uitstroomreden } from './tables';

export interface Persoon {
  bsn: string;
  naam: string;
  geboorte: number;
  gemeente: string;
  statushouder: boolean;
}

/** One benefit of the caseload, with its resident. */
export interface Spell {
  persoon: Persoon;
  gemeente: string;
  regeling: Regeling;
  start: number;
  end: number | null;
  reden: Uitstroomreden | null;
}

export interface NewResidentOptions {
  minAge?: number;
  maxAge?: number;
  statushouder?: boolean;
  /** False for residents outside Werk en Inkomen's area (Hof van Twente): no inwoner row. */
  registered?: boolean;
}

export class Bevolking {
  /** Residents that get an inwoner row, in order of creation. */
  readonly registered: Persoon[] = [];

  constructor(
    private readonly rng: Random,
    private readonly bsns: BsnAllocator,
  ) {}

  /** A resident with a given birth day. */
  add(gemeente: string, geboorte: number, statushouder: boolean, registered = true): Persoon {
    const persoon: Persoon = {
      bsn: this.bsns.next(),
      naam: persoonsnaam(this.rng, statushouder),
      geboorte,
      gemeente,
      statushouder,
    };
    if (registered) this.registered.push(persoon);
    return persoon;
  }

  /** A resident aged between minAge and maxAge (default 18..66) on day `on`. */
  newResident(gemeente: string, on: number, options: NewResidentOptions = {}): Persoon {
    const age = this.rng.int(options.minAge ?? 18, options.maxAge ?? 66);
    // Up to 364 days before the birthday that makes `age` on `on`: the age on `on` stays `age`.
    const geboorte = addYears(on, -age) - this.rng.int(0, 364);
    return this.add(gemeente, geboorte, options.statushouder ?? false, options.registered ?? true);
  }

  inwonerRows(): InwonerRow[] {
    return this.registered.map((persoon) => ({
      bsn: persoon.bsn,
      naam: persoon.naam,
      geboortedatum: iso(persoon.geboorte),
      gemeente: persoon.gemeente,
      statushouder: persoon.statushouder,
    }));
  }
}

/** The counted benefits of one municipality, searchable by date. */
export class Caseload {
  readonly spells: Spell[] = [];
  /** Benefits that ended in work (WERK or WERKPLEIN_PLAATSING), sorted by end day. */
  private endedInWork: Spell[] | null = null;

  constructor(readonly gemeente: string) {}

  /** A random benefit running on `on`, or null when a few random probes find none. */
  runningOn(rng: Random, on: number, accept?: (spell: Spell) => boolean): Spell | null {
    const spells = this.spells;
    if (spells.length === 0) return null;
    for (let attempt = 0; attempt < 24; attempt++) {
      const spell = spells[rng.int(0, spells.length - 1)] as Spell;
      if (spell.start <= on && (spell.end === null || spell.end >= on) && (!accept || accept(spell)))
        return spell;
    }
    return null;
  }

  /** A random benefit that ended in work within [from, to], not yet in `used`. */
  endedInWorkBetween(rng: Random, from: number, to: number, used: Set<Spell>): Spell | null {
    if (this.endedInWork === null) {
      this.endedInWork = this.spells
        .filter((spell) => spell.reden === 'WERK' || spell.reden === 'WERKPLEIN_PLAATSING')
        .sort((a, b) => (a.end ?? 0) - (b.end ?? 0));
    }
    const list = this.endedInWork;
    const first = lowerBound(list, from);
    const last = lowerBound(list, to + 1) - 1;
    if (last < first) return null;
    for (let attempt = 0; attempt < 8; attempt++) {
      const spell = list[rng.int(first, last)] as Spell;
      if (!used.has(spell)) return spell;
    }
    for (let index = first; index <= last; index++) {
      const spell = list[index] as Spell;
      if (!used.has(spell)) return spell;
    }
    return null;
  }
}

/** First index whose end day is >= day, in a list sorted by end day. */
function lowerBound(list: readonly Spell[], dayNumber: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (((list[mid] as Spell).end ?? 0) < dayNumber) low = mid + 1;
    else high = mid;
  }
  return low;
}
