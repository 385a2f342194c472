/**
 * Stadsbank Oost Nederland: debt-help cases per registration year (Hengelo's 2023 and 2024
 * registrations and BudgetAlert referrals exactly), their phase at the end of the history, and
 * early-warning signals (vroegsignalering) of payment arrears.
 */
import {
  BUDGETALERT_SHARE_HENGELO,
  SCHULDHULP_AANMELDINGEN,
  SCHULDHULP_HENGELO,
  TEMPLATES,
  type Template,
} from './calibration';
import { scaledCount, type RegionContext } from './context';
import { day, HISTORY_END, HISTORY_START, iso, offMonthEnd } from './dates';
import type { Persoon } from './persons';
import type { Random } from './random';
import type { SchuldhulpBron, SchuldhulpFase, SchuldhulptrajectRow, VroegsignaalSoort } from './tables';

const BRON_GEWICHTEN: Record<Exclude<SchuldhulpBron, 'BUDGETALERT'>, number> = {
  WERK_EN_INKOMEN: 22,
  VROEGSIGNALERING: 18,
  ZELFMELDER: 34,
  WIJKTEAM: 16,
  OVERIG: 10,
};

/** How a case runs: the phases it passes and for how long (days), ending in AFGESLOTEN or still open. */
type Verloop = 'UITVAL' | 'ADVIES' | 'SCHULDREGELING' | 'WSNP' | 'BUDGETBEHEER';
const VERLOOP_GEWICHTEN: Record<Verloop, number> = {
  UITVAL: 25,
  ADVIES: 25,
  SCHULDREGELING: 35,
  WSNP: 5,
  BUDGETBEHEER: 10,
};

interface Fasering {
  fase: SchuldhulpFase;
  afgeslotenOp: number | null;
  budgetbeheer: boolean;
}

/** The phase on the last day of the history, from the registration day and the kind of case. */
function fasering(rng: Random, aanmelding: number, verloop: Verloop): Fasering {
  const steps: [SchuldhulpFase, number][] = [['INTAKE', rng.int(20, 60)]];
  let budgetbeheer = rng.chance(0.15);
  switch (verloop) {
    case 'UITVAL':
      steps.push(['STABILISATIE', rng.int(0, 60)]);
      break;
    case 'ADVIES':
      steps.push(['STABILISATIE', rng.int(60, 300)]);
      break;
    case 'SCHULDREGELING':
      // Stabilise first, then the 18-month settlement, then aftercare.
      steps.push(['STABILISATIE', rng.int(90, 240)], ['SCHULDREGELING', 548], ['NAZORG', rng.int(90, 180)]);
      budgetbeheer = rng.chance(0.45);
      break;
    case 'WSNP':
      steps.push(['STABILISATIE', rng.int(90, 240)], ['WSNP', 548], ['NAZORG', rng.int(60, 120)]);
      budgetbeheer = rng.chance(0.6);
      break;
    case 'BUDGETBEHEER':
      steps.push(['STABILISATIE', rng.int(365, 5 * 365)]);
      budgetbeheer = true;
      break;
  }
  let from = aanmelding;
  for (const [fase, duration] of steps) {
    if (HISTORY_END < from + duration) return { fase, afgeslotenOp: null, budgetbeheer };
    from += duration;
  }
  return { fase: 'AFGESLOTEN', afgeslotenOp: from, budgetbeheer };
}

interface PlannedCase {
  aanmelding: number;
  bron: SchuldhulpBron;
  persoon: Persoon | null;
}

function planCases(context: RegionContext, template: Template, rng: Random): PlannedCase[] {
  const planned: PlannedCase[] = [];
  for (let year = 2021; year <= 2025; year++) {
    const exact =
      template === 'hengelo' && (year === 2023 || year === 2024) ? SCHULDHULP_HENGELO[year] : null;
    const count = scaledCount(
      context,
      exact ? exact.aanmeldingen : (SCHULDHULP_AANMELDINGEN[template][year] ?? 0),
    );
    // BudgetAlert is Hengelo's own front door; elsewhere nobody comes through it.
    const budgetAlert = exact
      ? scaledCount(context, exact.budgetAlert)
      : template === 'hengelo'
        ? Math.round(count * BUDGETALERT_SHARE_HENGELO * rng.real(0.9, 1.1))
        : 0;
    const bronnen = Array.from({ length: count }, (_, i) =>
      i < budgetAlert ? 'BUDGETALERT' : rng.weightedKey(BRON_GEWICHTEN),
    );
    for (const bron of rng.shuffle(bronnen)) {
      planned.push({
        aanmelding: day(year, 1, 1) + rng.int(0, 364 + Number(year % 4 === 0)),
        bron,
        persoon: null,
      });
    }
  }
  // Registration order, as the Stadsbank's case numbers run.
  return planned.sort((a, b) => a.aanmelding - b.aanmelding);
}

const SIGNAAL_BEDRAG: Record<VroegsignaalSoort, [number, number]> = {
  HUUR: [300, 3000],
  ENERGIE: [100, 1500],
  ZORGVERZEKERING: [150, 800],
  WATER: [30, 200],
};
const SIGNAAL_GEWICHTEN: Record<VroegsignaalSoort, number> = {
  HUUR: 35,
  ENERGIE: 25,
  ZORGVERZEKERING: 30,
  WATER: 10,
};
/** Signals per year at factor 1 (besides those that led to a registration). */
const SIGNALEN_PER_JAAR: Record<Template, number> = {
  hengelo: 620,
  borne: 95,
  haaksbergen: 90,
  enschede: 1500,
};

function signaal(rng: Random, persoon: Persoon, datum: number) {
  const soort = rng.weightedKey(SIGNAAL_GEWICHTEN);
  const [min, max] = SIGNAAL_BEDRAG[soort];
  return {
    bsn: persoon.bsn,
    gemeente: persoon.gemeente,
    soort,
    datum: iso(datum),
    bedrag_centen: rng.int(min, max) * 100 + rng.int(0, 99),
  };
}

function generateForTemplate(context: RegionContext, template: Template): void {
  const rng = context.rng.fork(`schuldhulp-${template}`);
  const gemeente = context.codes[template];
  const caseload = context.caseloads[template];
  const planned = planCases(context, template, rng);
  const out = context.out.schuldhulp;

  const order = rng.shuffle(planned.map((_, index) => index));
  for (const spell of context.cohort) {
    if (spell.gemeente !== gemeente) continue;
    const from = Math.max(spell.start, HISTORY_START);
    const to = Math.min(spell.end ?? HISTORY_END, HISTORY_END);
    const match = order.find((index) => {
      const planned1 = planned[index] as PlannedCase;
      return planned1.persoon === null && planned1.aanmelding >= from && planned1.aanmelding <= to;
    });
    if (match !== undefined) (planned[match] as PlannedCase).persoon = spell.persoon;
  }

  const clients: Persoon[] = [];
  for (const case1 of planned) {
    if (case1.persoon === null) {
      // Referrals by Werk en Inkomen are benefit recipients; of the others about a third.
      const onBenefit = case1.bron === 'WERK_EN_INKOMEN' ? 0.95 : 0.4;
      const spell = rng.chance(onBenefit) ? caseload.runningOn(rng, case1.aanmelding) : null;
      case1.persoon =
        spell?.persoon ?? context.bevolking.newResident(gemeente, case1.aanmelding, { maxAge: 75 });
    }
    const persoon = case1.persoon;
    clients.push(persoon);
    const verloop = rng.weightedKey(VERLOOP_GEWICHTEN);
    const { fase, afgeslotenOp, budgetbeheer } = fasering(rng, case1.aanmelding, verloop);
    const schuldeisers = Math.min(30, Math.max(1, Math.round(rng.logNormal(7, 0.6))));
    const schuld = Math.min(250_000, Math.max(300, schuldeisers * rng.logNormal(2200, 0.8)));
    const row: SchuldhulptrajectRow = {
      bsn: persoon.bsn,
      gemeente,
      aanmelddatum: iso(case1.aanmelding),
      bron: case1.bron,
      fase,
      budgetbeheer,
      aantal_schuldeisers: schuldeisers,
      totale_schuld_centen: Math.round(schuld * 100),
      afgesloten_op: afgeslotenOp === null ? null : iso(offMonthEnd(afgeslotenOp)),
    };
    out.schuldhulptraject.push(row);
    if (case1.bron === 'VROEGSIGNALERING') {
      out.vroegsignaal.push(signaal(rng, persoon, case1.aanmelding - rng.int(14, 90)));
    }
  }

  for (let year = 2021; year <= 2025; year++) {
    const count = scaledCount(context, SIGNALEN_PER_JAAR[template]);
    let made = 0;
    while (made < count) {
      const datum = day(year, 1, 1) + rng.int(0, 364);
      const u = rng.next();
      let persoon: Persoon | null = null;
      if (u < 0.3) persoon = caseload.runningOn(rng, datum)?.persoon ?? null;
      else if (u < 0.6 && clients.length > 0) persoon = rng.pick(clients);
      persoon ??= context.bevolking.newResident(gemeente, datum, { maxAge: 80 });
      // Arrears come in runs: one to three signals a few weeks apart.
      const run = Math.min(count - made, rng.weighted([1, 2, 3], [55, 30, 15]));
      for (let k = 0; k < run; k++) {
        const when = Math.min(HISTORY_END, datum + k * rng.int(20, 60));
        out.vroegsignaal.push(signaal(rng, persoon, when));
      }
      made += run;
    }
  }
}

export function generateSchuldhulp(context: RegionContext): void {
  for (const template of TEMPLATES) generateForTemplate(context, template);
}
