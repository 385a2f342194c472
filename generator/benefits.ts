/**
 * Werk en Inkomen's benefits: a monthly plan realised as spells, statushouder flags that hit the
 * published counts, residents with plausible ages, inburgering for statushouders and a few Bbz
 * benefits (in the data, never counted).
 */
import { BHH_TARGETS, type Template } from './calibration';
import type { RegionContext } from './context';
import {
  addYears,
  ageOn,
  day,
  daysInMonth,
  HISTORY_END,
  HISTORY_MONTHS,
  iso,
  monthStart,
  offMonthEnd,
  yearOf,
} from './dates';
import type { Persoon, Spell } from './persons';
import { bhhPlan, enschedePlan, scaled, type BenefitPlan } from './plan';
import type { Random } from './random';
import type { InburgeringRow, Leerroute, Regeling, Uitstroomreden, UitkeringRow } from './tables';

interface SpellDraft {
  start: number;
  end: number | null;
  reden: Uitstroomreden | null;
  statushouder: boolean;
}

const LAST_DAY_BEFORE_HISTORY = day(2020, 12, 31);
const YEAR = 365.25;

/**
 * Turns a plan into spells. Endings are drawn from the benefits running at the start of the month
 * (so a benefit never ends in the month it starts) and fall on any day but the month's last: a benefit
 * ending on the last day would still be running at that month-end and break the flow identity.
 */
export function realiseSpells(plan: BenefitPlan, rng: Random): SpellDraft[] {
  const drafts: SpellDraft[] = [];
  const pool: SpellDraft[] = [];
  for (let i = 0; i < plan.startStock; i++) {
    // Long-term recipients dominate a caseload: durations up to 22 years, mean about 4.5.
    const years = Math.min(22, -Math.log(1 - rng.next()) * 4.5);
    const draft: SpellDraft = {
      start: LAST_DAY_BEFORE_HISTORY - Math.floor(years * YEAR),
      end: null,
      reden: null,
      statushouder: false,
    };
    drafts.push(draft);
    pool.push(draft);
  }
  HISTORY_MONTHS.forEach(({ year, month }, index) => {
    const flow = plan.months[index];
    if (!flow) return;
    const first = monthStart(year, month);
    const length = daysInMonth(year, month);
    for (const reden of flow.uitstroom) {
      if (pool.length === 0) throw new Error(`plan ends more benefits than run in ${year}-${month}`);
      const slot = rng.int(0, pool.length - 1);
      const draft = pool[slot] as SpellDraft;
      pool[slot] = pool[pool.length - 1] as SpellDraft;
      pool.pop();
      draft.end = first + rng.int(0, length - 2);
      draft.reden = reden;
    }
    const started: SpellDraft[] = [];
    for (let i = 0; i < flow.instroom; i++) {
      started.push({ start: first + rng.int(0, length - 1), end: null, reden: null, statushouder: false });
    }
    drafts.push(...started);
    pool.push(...started);
  });
  return drafts;
}

function runningOn(draft: SpellDraft, on: number): boolean {
  return draft.start <= on && (draft.end === null || draft.end >= on);
}

/** Prefers recent arrivals: most statushouders came after 2014, so they are picked by a jittered start. */
function takeRecent(rng: Random, candidates: SpellDraft[], count: number): void {
  const keyed = candidates.map((draft) => ({ draft, key: draft.start + rng.int(0, 6 * 365) }));
  keyed.sort((a, b) => b.key - a.key);
  for (let i = 0; i < Math.min(count, keyed.length); i++)
    (keyed[i] as { draft: SpellDraft }).draft.statushouder = true;
}

/**
 * Flags statushouders so that exactly `at2023` benefits running on 31 Dec 2023 and `at2024` running on
 * 31 Dec 2024 belong to one: x of the benefits running on both days, y of those that ended in 2024, z
 * of those that started in 2024, with x + y = at2023 and x + z = at2024. Statushouders leave the
 * benefit more slowly than others, hence y below their share of the stock.
 */
function flagBhhStatushouders(rng: Random, drafts: SpellDraft[], at2023: number, at2024: number): void {
  const dec2023 = day(2023, 12, 31);
  const dec2024 = day(2024, 12, 31);
  const both: SpellDraft[] = [];
  const only2023: SpellDraft[] = [];
  const only2024: SpellDraft[] = [];
  const neither: SpellDraft[] = [];
  for (const draft of drafts) {
    const a = runningOn(draft, dec2023);
    const b = runningOn(draft, dec2024);
    (a && b ? both : a ? only2023 : b ? only2024 : neither).push(draft);
  }
  const running2023 = both.length + only2023.length;
  let y = Math.round((at2023 * 0.6 * only2023.length) / Math.max(1, running2023));
  let x = at2023 - y;
  let z = at2024 - x;
  if (z < 0) {
    x = at2024;
    z = 0;
    y = at2023 - x;
  }
  if (z > only2024.length) {
    z = only2024.length;
    x = at2024 - z;
    y = at2023 - x;
  }
  takeRecent(rng, both, x);
  takeRecent(rng, only2023, Math.max(0, y));
  takeRecent(rng, only2024, z);
  for (const draft of neither) {
    if (draft.start >= day(2016, 1, 1) && rng.chance(0.22)) draft.statushouder = true;
  }
}

/** Enschede publishes no statushouder stock; about a quarter of its recent instroom. */
function flagEnschedeStatushouders(rng: Random, drafts: SpellDraft[]): void {
  for (const draft of drafts) {
    draft.statushouder = rng.chance(draft.start >= day(2016, 1, 1) ? 0.24 : 0.08);
  }
}

const AGE_BANDS = [
  [18, 26],
  [27, 39],
  [40, 54],
  [55, 64],
] as const;

/** A birth day that fits the benefit: 18 or older at its start, at most 66 while it runs. */
function birthFor(rng: Random, draft: SpellDraft): number {
  if (draft.reden === 'AOW' && draft.end !== null) {
    // Ends the day before the 67th birthday (the AOW age in these years).
    return addYears(draft.end + 1, -67);
  }
  const lastDay = Math.min(draft.end ?? HISTORY_END, HISTORY_END);
  const band = rng.weighted(AGE_BANDS, draft.statushouder ? [30, 40, 22, 8] : [20, 33, 30, 17]);
  let birth = addYears(draft.start, -rng.int(band[0], band[1])) - rng.int(0, 364);
  while (ageOn(birth, lastDay) > 66) birth += 365;
  return birth;
}

function regelingFor(rng: Random, birth: number, start: number): Regeling {
  // IOAW/IOAZ: for those who became unemployed at 50 or older and were born before 1965.
  if (ageOn(birth, start) >= 55 && birth < day(1965, 1, 1)) {
    const u = rng.next();
    if (u < 0.3) return 'IOAW';
    if (u < 0.34) return 'IOAZ';
  }
  return 'PW';
}

/** Monthly amount in cents: norm by household and year, sometimes a supplement to other income. */
function bedragFor(rng: Random, start: number): number {
  const year = Math.min(2025, Math.max(2021, yearOf(start)));
  const index: Record<number, number> = { 2021: 0.88, 2022: 0.91, 2023: 1.0, 2024: 1.04, 2025: 1.07 };
  const norm = rng.weighted([1260, 1800, 1260], [55, 30, 15]) * (index[year] ?? 1);
  const share = rng.chance(0.2) ? rng.real(0.3, 0.95) : 1;
  return Math.round(norm * share * 100);
}

function leerrouteFor(rng: Random, persoon: Persoon, start: number): Leerroute {
  return ageOn(persoon.geboorte, start) < 27
    ? rng.weighted<Leerroute>(['B1', 'ONDERWIJS', 'Z_ROUTE'], [55, 35, 10])
    : rng.weighted<Leerroute>(['B1', 'ONDERWIJS', 'Z_ROUTE'], [72, 3, 25]);
}

/** Inburgering for a statushouder whose benefit started recently (Wet inburgering 2021 and the tail of 2013). */
function inburgeringFor(rng: Random, spell: Spell): InburgeringRow | null {
  if (spell.start < day(2020, 7, 1) || !rng.chance(0.9)) return null;
  const start = spell.start + rng.int(0, 120);
  if (start > HISTORY_END) return null;
  const leerroute = leerrouteFor(rng, spell.persoon, start);
  const duration = leerroute === 'ONDERWIJS' ? rng.int(365, 1095) : rng.int(540, 1095);
  const end = start + duration;
  return {
    bsn: spell.persoon.bsn,
    gemeente: spell.gemeente,
    leerroute,
    startdatum: iso(start),
    einddatum: end > HISTORY_END ? null : iso(offMonthEnd(end)),
  };
}

function uitkeringRow(spell: Spell, bedrag: number): UitkeringRow {
  return {
    bsn: spell.persoon.bsn,
    gemeente: spell.gemeente,
    regeling: spell.regeling,
    ingangsdatum: iso(spell.start),
    einddatum: spell.end === null ? null : iso(spell.end),
    uitstroomreden: spell.reden,
    bedrag_per_maand_centen: bedrag,
  };
}

/** Bbz benefits per municipality over the history (self-employed; never in the caseload counts). */
const BBZ: Record<Template, number> = { hengelo: 14, borne: 3, haaksbergen: 4, enschede: 40 };

/** Generates the caseload of one municipality into the region. */
export function generateBenefits(context: RegionContext, template: Template): void {
  const rng = context.rng.fork(`uitkering-${template}`);
  const gemeente = context.codes[template];
  const plan =
    template === 'enschede' ? enschedePlan(context.factor, rng) : bhhPlan(template, context.factor, rng);
  const drafts = realiseSpells(plan, rng);
  if (template === 'enschede') {
    flagEnschedeStatushouders(rng, drafts);
  } else {
    const targets = BHH_TARGETS[template];
    flagBhhStatushouders(
      rng,
      drafts,
      scaled(targets.statushouders2023, context.factor),
      scaled(targets.statushouders2024, context.factor),
    );
  }

  const caseload = context.caseloads[template];
  const rows = context.out['werk-inkomen'];
  for (const draft of drafts) {
    const geboorte = birthFor(rng, draft);
    const persoon = context.bevolking.add(gemeente, geboorte, draft.statushouder);
    const spell: Spell = {
      persoon,
      gemeente,
      regeling: regelingFor(rng, geboorte, draft.start),
      start: draft.start,
      end: draft.end,
      reden: draft.reden,
    };
    caseload.spells.push(spell);
    rows.uitkering.push(uitkeringRow(spell, bedragFor(rng, draft.start)));
    if (persoon.statushouder) {
      const inburgering = inburgeringFor(rng, spell);
      if (inburgering) rows.inburgering.push(inburgering);
    }
  }

  const bbz = Math.round(BBZ[template] * context.factor);
  for (let i = 0; i < bbz; i++) {
    const start = day(2019, 1, 1) + rng.int(0, 7 * 365 - 30);
    const end = start + rng.int(90, 400);
    const persoon = context.bevolking.newResident(gemeente, start, { minAge: 25, maxAge: 60 });
    const spell: Spell = {
      persoon,
      gemeente,
      regeling: 'BBZ',
      start,
      end: end > HISTORY_END ? null : end,
      reden:
        end > HISTORY_END ? null : rng.weighted<Uitstroomreden>(['ZELFSTANDIG', 'WERK', 'OVERIG'], [6, 3, 1]),
    };
    rows.uitkering.push(uitkeringRow(spell, bedragFor(rng, start)));
  }
}
