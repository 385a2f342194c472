/**
 * One region: the four municipalities of the dashboard with all five partners' rows. The real region
 * is calibrated; a synthetic copy is the same model with its own codes, seed and size factor.
 */
import { generateBenefits } from './benefits';
import type { BsnAllocator } from './bsn';
import { BHH_HISTORY, BHH_TARGETS, ENSCHEDE_BEGROTING, TEMPLATES, type Template } from './calibration';
import { scaledCount, type RegionContext } from './context';
import { day, HISTORY_END, HISTORY_START } from './dates';
import { generateLks } from './lks';
import { Bevolking, Caseload, type Spell } from './persons';
import type { Random } from './random';
import { generateSchuldhulp } from './schuldhulp';
import { generateSwb } from './swb';
import { emptyPopulation, type Population } from './tables';
import { ontwikkeltraject, generateWerkcentrum } from './werkcentrum';
import { Werkplein, type IdCounters } from './werkplein';

export interface RegionOptions {
  rng: Random;
  factor: number;
  codes: Record<Template, string>;
  real: boolean;
  bsns: BsnAllocator;
  ids: IdCounters;
}

/** Proefplaatsingen (trial placements of people on benefit) per year at factor 1. */
const PROEFPLAATSINGEN: Record<Template, number> = { hengelo: 45, borne: 8, haaksbergen: 8, enschede: 110 };

/**
 * The ketenaanpak cohort: long-term recipients in Hengelo and Borne (the municipalities SWB serves)
 * who get a row at every partner, so a demo can follow one resident through all five.
 */
function selectCohort(context: RegionContext): Spell[] {
  const rng = context.rng.fork('cohort');
  const from = day(2023, 1, 1);
  const to = day(2024, 12, 31);
  const cohort: Spell[] = [];
  for (const template of ['hengelo', 'borne'] as const) {
    const spells = context.caseloads[template].spells;
    const candidates = spells.filter(
      (spell) => spell.start <= from && (spell.end === null || spell.end >= to) && spell.reden !== 'AOW',
    );
    const running = spells.filter(
      (spell) => spell.start <= to && (spell.end === null || spell.end >= to),
    ).length;
    const size = Math.min(candidates.length, Math.max(2, Math.round(running * 0.035)));
    cohort.push(...rng.shuffle(candidates).slice(0, size));
  }
  return cohort;
}

/** A day in the part of the benefit that lies in the history, leaving `margin` days before its end. */
function dayWithin(rng: Random, spell: Spell, margin: number): number {
  const from = Math.max(spell.start, HISTORY_START);
  const to = Math.max(from, Math.min(spell.end ?? HISTORY_END, HISTORY_END) - margin);
  return rng.int(from, to);
}

/** Placements besides those with LKS: after a benefit ended by placement, and trial placements. */
function generatePlaatsingen(context: RegionContext, used: Set<Spell>): void {
  const rng = context.rng.fork('plaatsing');
  for (const template of TEMPLATES) {
    const caseload = context.caseloads[template];
    for (const spell of caseload.spells) {
      if (spell.end === null || used.has(spell)) continue;
      const viaWerkplein =
        spell.reden === 'WERKPLEIN_PLAATSING' || (spell.reden === 'WERK' && rng.chance(0.1));
      if (!viaWerkplein) continue;
      const start = spell.end + 1;
      const end = rng.chance(0.4) ? null : start + rng.int(90, 730);
      context.werkplein.place(
        spell.persoon,
        start,
        end,
        rng.chance(0.1) ? 'BANENAFSPRAAK' : 'REGULIER',
        false,
      );
    }
    for (let year = 2021; year <= 2025; year++) {
      const count = scaledCount(context, PROEFPLAATSINGEN[template]);
      for (let i = 0; i < count; i++) {
        const start = day(year, 1, 1) + rng.int(0, 364);
        const spell = caseload.runningOn(rng, start);
        if (spell)
          context.werkplein.place(spell.persoon, start, start + rng.int(30, 61), 'PROEFPLAATSING', false);
      }
    }
  }
}

/** The cohort's Werkplein and Werkcentrum rows (SWB and Stadsbank gave them planned rows). */
function generateCohortRows(context: RegionContext): void {
  const rng = context.rng.fork('cohort-rijen');
  for (const spell of context.cohort) {
    const trial = dayWithin(rng, spell, 62);
    context.werkplein.place(spell.persoon, trial, trial + rng.int(30, 61), 'PROEFPLAATSING', false);
    const scholing = dayWithin(rng, spell, 0);
    context.out.werkcentrum.ontwikkeltraject.push(
      ontwikkeltraject(rng, spell.persoon, rng.chance(0.6) ? 'SCHOLING' : 'LOOPBAANADVIES', scholing),
    );
  }
}

function generateBegroting(context: RegionContext): void {
  const rows = context.out['werk-inkomen'].begroting;
  for (const template of ['hengelo', 'borne', 'haaksbergen'] as const) {
    const history = BHH_HISTORY[template].begroting;
    for (let year = 2021; year <= 2025; year++) {
      const value =
        year === 2024 ? BHH_TARGETS[template].begroting2024 : history[year as 2021 | 2022 | 2023 | 2025];
      rows.push({
        gemeente: context.codes[template],
        jaar: year,
        aantal_uitkeringen: scaledCount(context, value),
      });
    }
  }
  for (let year = 2021; year <= 2025; year++) {
    rows.push({
      gemeente: context.codes.enschede,
      jaar: year,
      aantal_uitkeringen: scaledCount(context, ENSCHEDE_BEGROTING[year] ?? 0),
    });
  }
}

export function generateRegion(options: RegionOptions): Population {
  const out = emptyPopulation();
  const { rng, codes } = options;
  const context: RegionContext = {
    rng,
    factor: options.factor,
    codes,
    real: options.real,
    bevolking: new Bevolking(rng.fork('bevolking'), options.bsns),
    caseloads: {
      hengelo: new Caseload(codes.hengelo),
      borne: new Caseload(codes.borne),
      haaksbergen: new Caseload(codes.haaksbergen),
      enschede: new Caseload(codes.enschede),
    },
    werkplein: new Werkplein(rng.fork('werkplein'), options.ids, codes, out.werkplein),
    cohort: [],
    out,
  };
  for (const template of TEMPLATES) generateBenefits(context, template);
  context.werkplein.generate(options.factor);
  context.cohort = selectCohort(context);
  const withLks = new Set<Spell>();
  for (const template of TEMPLATES) generateLks(context, template, withLks);
  generatePlaatsingen(context, withLks);
  generateSwb(context);
  generateSchuldhulp(context);
  generateWerkcentrum(context);
  generateCohortRows(context);
  generateBegroting(context);
  out['werk-inkomen'].inwoner = context.bevolking.inwonerRows();
  return out;
}
