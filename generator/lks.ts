/**
 * Loonkostensubsidie: contracts planned per period (running at the start, started and ended in it),
 * then given to residents who left the benefit for work shortly before, or who work with a
 * supplementary benefit, or whom the Werkplein placed. Each contract comes with its placement.
 */
import { BHH_HISTORY, BHH_TARGETS, ENSCHEDE_LKS, type Template } from './calibration';
import { scaledCount, type RegionContext } from './context';
import { day, HISTORY_END, iso, offMonthStart } from './dates';
import type { Persoon, Spell } from './persons';
import type { Random } from './random';

/** A stretch of time in which a number of contracts start and a number of running ones end. */
export interface ContractPeriod {
  startFrom: number;
  startTo: number;
  endFrom: number;
  endTo: number;
  starts: number;
  ends: number;
}

export interface Contract {
  start: number;
  end: number | null;
}

/**
 * Realises contract periods. Endings are drawn from contracts of earlier periods only, so
 * running(after period) = running(before) + starts - ends holds exactly as long as no contract ends
 * on a day the caller counts as "running" (callers keep endTo before their reference day).
 */
export function realiseContracts(
  rng: Random,
  initial: number,
  initialFrom: number,
  initialTo: number,
  periods: readonly ContractPeriod[],
): Contract[] {
  const contracts: Contract[] = [];
  const pool: Contract[] = [];
  for (let i = 0; i < initial; i++) {
    const contract = { start: offMonthStart(rng.int(initialFrom, initialTo)), end: null };
    contracts.push(contract);
    pool.push(contract);
  }
  for (const period of periods) {
    const ends = Math.min(period.ends, pool.length);
    for (let i = 0; i < ends; i++) {
      const slot = rng.int(0, pool.length - 1);
      const contract = pool[slot] as Contract;
      pool[slot] = pool[pool.length - 1] as Contract;
      pool.pop();
      contract.end = rng.int(period.endFrom, period.endTo);
    }
    const started: Contract[] = [];
    for (let i = 0; i < period.starts; i++)
      started.push({ start: offMonthStart(rng.int(period.startFrom, period.startTo)), end: null });
    contracts.push(...started);
    pool.push(...started);
  }
  return contracts;
}

/** BHH: persons with LKS on 31 Dec of every year; ending days stop at 30 Dec. */
function bhhPeriods(context: RegionContext, template: Exclude<Template, 'enschede'>, rng: Random) {
  const targets = BHH_TARGETS[template].lksPersons;
  const history = BHH_HISTORY[template];
  const december: Record<number, number> = {
    2020: scaledCount(context, history.lksPersons2020),
    2021: scaledCount(context, targets[2021]),
    2022: scaledCount(context, targets[2022]),
    2023: scaledCount(context, targets[2023]),
    2024: scaledCount(context, targets[2024]),
    2025: scaledCount(context, history.lksPersons2025),
  };
  const periods: ContractPeriod[] = [];
  for (let year = 2021; year <= 2025; year++) {
    const before = december[year - 1] ?? 0;
    const after = december[year] ?? 0;
    // About 30% of the contracts end in a year; more when the number of persons drops.
    const ends = Math.max(
      Math.round(before * rng.real(0.26, 0.34)),
      before - after + Math.round(after * 0.12),
    );
    periods.push({
      startFrom: day(year, 1, 1),
      startTo: day(year, 12, 31),
      endFrom: day(year, 1, 1),
      endTo: day(year, 12, 30),
      starts: after - before + ends,
      ends,
    });
  }
  return { initial: december[2020] ?? 0, periods };
}

/**
 * Enschede: 451 running on 1 Jan 2024, 220 started (none on 1 Jan) and 155 ended in Q1-Q3 2024.
 * No contract of 2023 ends on 31 Dec, so the contracts running on 31 Dec 2023 are those of 1 Jan.
 */
function enschedePeriods(context: RegionContext) {
  const flows = ENSCHEDE_LKS.flows;
  const initial = scaledCount(context, ENSCHEDE_LKS.running2020);
  const started2021 = scaledCount(context, flows[2021].started);
  const ended2021 = scaledCount(context, flows[2021].ended);
  const started2022 = scaledCount(context, flows[2022].started);
  const ended2022 = scaledCount(context, flows[2022].ended);
  const ended2023 = scaledCount(context, flows[2023].ended);
  const running2022 = initial + started2021 - ended2021 + started2022 - ended2022;
  const started2023 = Math.max(
    0,
    scaledCount(context, ENSCHEDE_LKS.runningJan2024) - running2022 + ended2023,
  );
  const year = (y: number, starts: number, ends: number): ContractPeriod => ({
    startFrom: day(y, 1, 1),
    startTo: day(y, 12, 31),
    endFrom: day(y, 1, 1),
    endTo: day(y, 12, 30),
    starts,
    ends,
  });
  const periods: ContractPeriod[] = [
    year(2021, started2021, ended2021),
    year(2022, started2022, ended2022),
    year(2023, started2023, ended2023),
    {
      startFrom: day(2024, 1, 2),
      startTo: day(2024, 9, 30),
      endFrom: day(2024, 1, 1),
      endTo: day(2024, 9, 30),
      starts: scaledCount(context, ENSCHEDE_LKS.startedQ3),
      ends: scaledCount(context, ENSCHEDE_LKS.endedQ3),
    },
    {
      startFrom: day(2024, 10, 1),
      startTo: day(2024, 12, 31),
      endFrom: day(2024, 10, 1),
      endTo: day(2024, 12, 30),
      starts: scaledCount(context, flows.q4.started),
      ends: scaledCount(context, flows.q4.ended),
    },
    year(2025, scaledCount(context, flows[2025].started), scaledCount(context, flows[2025].ended)),
  ];
  return { initial, periods };
}

/** Someone who left the benefit for work before 2021: gets that past benefit as a row as well. */
function formerRecipient(context: RegionContext, rng: Random, gemeente: string, lksStart: number): Persoon {
  let end = lksStart - 1;
  // Not on a month's last day: that would count as running at a month-end it does not belong to.
  if (new Date((end + 1) * 86_400_000).getUTCDate() === 1) end--;
  const start = end - rng.int(120, 4 * 365);
  const persoon = context.bevolking.newResident(gemeente, start, { minAge: 18, maxAge: 55 });
  context.out['werk-inkomen'].uitkering.push({
    bsn: persoon.bsn,
    gemeente,
    regeling: 'PW',
    ingangsdatum: iso(start),
    einddatum: iso(end),
    uitstroomreden: rng.chance(0.6) ? 'WERK' : 'WERKPLEIN_PLAATSING',
    bedrag_per_maand_centen: Math.round(rng.weighted([1150, 1640], [6, 4]) * 100),
  });
  return persoon;
}

/**
 * Generates the LKS contracts of one municipality. `used` collects the benefits whose resident got
 * one, so that nobody gets two contracts and the Werkplein does not place them a second time.
 */
export function generateLks(context: RegionContext, template: Template, used: Set<Spell>): void {
  const rng = context.rng.fork(`lks-${template}`);
  const gemeente = context.codes[template];
  const { initial, periods } =
    template === 'enschede' ? enschedePeriods(context) : bhhPeriods(context, template, rng);
  const contracts = realiseContracts(rng, initial, day(2017, 1, 1), day(2020, 12, 31), periods);
  const caseload = context.caseloads[template];
  const rows = context.out['werk-inkomen'].loonkostensubsidie;

  for (const contract of contracts) {
    let persoon: Persoon;
    if (contract.start < day(2021, 1, 1)) {
      persoon = formerRecipient(context, rng, gemeente, contract.start);
    } else {
      // Preferably someone whose benefit ended in work in the two months before; else someone who
      // works with a supplementary benefit; else a job seeker the Werkplein placed.
      const ended = caseload.endedInWorkBetween(rng, contract.start - 60, contract.start - 1, used);
      const running = ended ? null : caseload.runningOn(rng, contract.start, (spell) => !used.has(spell));
      const spell = ended ?? running;
      if (spell && (ended || rng.chance(0.6))) {
        used.add(spell);
        persoon = spell.persoon;
      } else {
        persoon = context.bevolking.newResident(gemeente, contract.start, { minAge: 18, maxAge: 60 });
      }
    }
    const plaatsing = context.werkplein.place(
      persoon,
      contract.start,
      contract.end,
      rng.chance(0.35) ? 'BANENAFSPRAAK' : 'REGULIER',
      true,
    );
    rows.push({
      bsn: persoon.bsn,
      gemeente,
      werkgever: context.werkplein.employerName(plaatsing.werkgever_id),
      loonwaarde: rng.int(30, 80),
      startdatum: iso(contract.start),
      einddatum: contract.end === null || contract.end > HISTORY_END ? null : iso(contract.end),
    });
  }
}
