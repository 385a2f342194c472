import { loadPopulation } from '../generator/load';
import { generatePopulation } from '../generator/population';
import { startTestHub, type TestHub } from './support/hub';

/**
 * The attacker of docs/ACCESS.md, Statistics: an ANALIST who asks every statistic of every gemeente of
 * the synthetic region (scale 1, as the calibration) for every year of the data, each of its quarters
 * and each of its months, and then computes what the answers give away. Per gemeente and statistic,
 * every figure of every year is a variable of one linear system, shown figures known, and the system
 * holds every relation the attacker knows:
 *
 * - within one answer, a total and its parts (reasons, kinds, phases, a subset such as "with LKS" or
 *   "statushouders" and what is left of it), allowing for an unpublished rest beside the categories;
 * - over nested periods, a year and its quarters and months, a quarter and its months, for every flow
 *   and every category of it;
 * - stocks against flows, over adjacent periods: each month-end stock is the one before (December of
 *   the year before, for January) plus what started in the month minus what ended in it; a stock taken
 *   on a month's first day likewise runs to the next month's first day. Where the ends are not
 *   published (placements, trajectories, cases closed), they are unknowns of the system, and so are
 *   their sums over quarters and years. Quarters and years follow by adding months;
 * - a mean of month-ends times its months is their sum; sums of money over nested periods.
 *
 * The system is solved exactly (Gaussian elimination). The test fails when a hidden or unpublished
 * count of 1 to 4 is determined, when a determined sum of hidden counts (all with positive
 * coefficients) or a total minus its shown parts is 1 to 4, when a hidden sum of money is determined,
 * when a ratio is shown beside a hidden part, or when money is shown over fewer than ten started.
 * The synthetic data keeps the stock identities exactly (nothing ends on a month's last day, no LKS
 * contract starts on a month's first), which the test checks too, so the attacker computes exactly.
 */

const GEMEENTEN = ['GM0164', 'GM0147', 'GM0158', 'GM0153', 'GM1735'];
const JAREN = [2021, 2022, 2023, 2024, 2025];

/** The 17 periods of a year: the year, its quarters, its months. */
const PERIODS = [
  { key: 'Y', periode: (jaar: number) => `{ jaar: ${jaar} }`, months: range(0, 11) },
  ...[1, 2, 3, 4].map((q) => ({
    key: `Q${q}`,
    periode: (jaar: number) => `{ jaar: ${jaar}, kwartaal: ${q} }`,
    months: range((q - 1) * 3, (q - 1) * 3 + 2),
  })),
  ...range(0, 11).map((m) => ({
    key: `M${m}`,
    periode: (jaar: number) => `{ jaar: ${jaar}, maand: ${m + 1} }`,
    months: [m],
  })),
];
const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'];
const MONTHS = range(0, 11).map((m) => `M${m}`);
const quarterMonths = (q: string) =>
  range((Number(q.slice(1)) - 1) * 3, (Number(q.slice(1)) - 1) * 3 + 2).map((m) => `M${m}`);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

interface Aantal {
  waarde: number | null;
  onderdrukt: boolean;
}
type Answer = Record<string, unknown>;
type Reeks = { maand: string; aantal: Aantal }[];

/** Typed readers of an answer's fields. */
const field =
  <T = Aantal>(name: string) =>
  (a: Answer): T =>
    a[name] as T;
const parts =
  (name: string, key: string) =>
  (a: Answer): [string, Aantal][] =>
    (a[name] as (Record<string, unknown> & { aantal: Aantal })[]).map((part) => [
      String(part[key]),
      part.aantal,
    ]);

/** How a statistic's answer breaks down into flows, stocks, ratios and money. */
interface FlowSpec {
  name: string;
  total: (a: Answer) => Aantal;
  perMonth?: (a: Answer) => { maand: string; aantal: Aantal }[];
  /** Breakdowns of the total: each a list of (category, count); the attacker also allows for a rest. */
  breakdowns?: { name: string; parts: (a: Answer) => [string, Aantal][] }[];
  /** Figures that are a sum of categories of a breakdown. */
  unions?: {
    name: string;
    breakdown: string;
    categories: (all: string[]) => string[];
    get: (a: Answer) => Aantal;
  }[];
  /** A part of the total whose complement is not published. */
  subsets?: { name: string; get: (a: Answer) => Aantal }[];
  /** Figures that are a category cell under another name. */
  aliases?: { breakdown: string; category: string; get: (a: Answer) => Aantal }[];
}
interface StockSpec {
  name: string;
  /** The stock at the period's last month-end (or its first day, for a stock taken at the start). */
  at: (a: Answer) => Aantal;
  atFirst?: boolean;
  series?: (a: Answer) => { maand: string; aantal: Aantal }[];
  mean?: (a: Answer) => { waarde: number | null; maanden: number; onderdrukt: boolean };
  breakdown?: { name: string; parts: (a: Answer) => [string, Aantal][] };
  subsets?: { name: string; get: (a: Answer) => Aantal }[];
  /** The flows (names of FlowSpecs) that change the stock; ends unpublished when absent. */
  flows?: { starts: string; ends?: string };
}
interface RatioSpec {
  get: (a: Answer) => { teller: Aantal; noemer: Aantal; ratio: number | null; onderdrukt: boolean };
  /** Cell names (without period) of teller and noemer. */
  teller: string;
  noemer: string;
}
interface Statistic {
  field: string;
  selection: string;
  flows: FlowSpec[];
  stocks: StockSpec[];
  ratios: RatioSpec[];
  money?: {
    get: (a: Answer) => { centen: number | null; onderdrukt: boolean };
    count: (a: Answer) => Aantal;
  };
}

const N = 'waarde onderdrukt';
const M = `maand aantal { ${N} }`;

const STATISTICS: Statistic[] = [
  {
    field: 'bijstand',
    selection: `lopendOpEinddatum { ${N} } lopendPerMaandeinde { ${M} } gemiddeldBestand { waarde maanden onderdrukt }
      instroom { ${N} } instroomPerMaand { ${M} } uitstroom { ${N} } uitstroomPerMaand { ${M} }
      uitstroomNaarWerk { ${N} } uitstroomOverig { ${N} } uitstroomPerReden { reden aantal { ${N} } }
      aandeelUitstroomNaarWerk { teller { ${N} } noemer { ${N} } ratio onderdrukt } statushoudersOpEinddatum { ${N} }`,
    flows: [
      { name: 'instroom', total: field('instroom'), perMonth: field<Reeks>('instroomPerMaand') },
      {
        name: 'uitstroom',
        total: field('uitstroom'),
        perMonth: field<Reeks>('uitstroomPerMaand'),
        breakdowns: [{ name: 'reden', parts: parts('uitstroomPerReden', 'reden') }],
        unions: [
          {
            name: 'overig',
            breakdown: 'reden',
            categories: (all) => all.filter((c) => c !== 'WERK'),
            get: field('uitstroomOverig'),
          },
        ],
        aliases: [{ breakdown: 'reden', category: 'WERK', get: field('uitstroomNaarWerk') }],
      },
    ],
    stocks: [
      {
        name: 'lopend',
        at: field('lopendOpEinddatum'),
        series: field<Reeks>('lopendPerMaandeinde'),
        flows: { starts: 'instroom', ends: 'uitstroom' },
        mean: field<{ waarde: number | null; maanden: number; onderdrukt: boolean }>('gemiddeldBestand'),
        subsets: [{ name: 'statushouders', get: field('statushoudersOpEinddatum') }],
      },
    ],
    ratios: [
      {
        get: field<{ teller: Aantal; noemer: Aantal; ratio: number | null; onderdrukt: boolean }>(
          'aandeelUitstroomNaarWerk',
        ),
        teller: 'uitstroom/reden=WERK',
        noemer: 'uitstroom',
      },
    ],
  },
  {
    field: 'loonkostensubsidie',
    selection: `personenOpEinddatum { ${N} } personenPerMaandeinde { ${M} } lopendOpBegindatum { ${N} }
      gestart { ${N} } beeindigd { ${N} }`,
    flows: [
      { name: 'gestart', total: field('gestart') },
      { name: 'beeindigd', total: field('beeindigd') },
    ],
    stocks: [
      { name: 'personen', at: field('personenOpEinddatum'), series: field<Reeks>('personenPerMaandeinde') },
      {
        name: 'contracten',
        at: field('lopendOpBegindatum'),
        atFirst: true,
        flows: { starts: 'gestart', ends: 'beeindigd' },
      },
    ],
    ratios: [],
  },
  {
    field: 'inburgering',
    selection: `gestart { ${N} } gestartPerLeerroute { leerroute aantal { ${N} } } lopendOpEinddatum { ${N} }`,
    flows: [
      {
        name: 'gestart',
        total: field('gestart'),
        breakdowns: [{ name: 'leerroute', parts: parts('gestartPerLeerroute', 'leerroute') }],
      },
    ],
    stocks: [{ name: 'lopend', at: field('lopendOpEinddatum'), flows: { starts: 'gestart' } }],
    ratios: [],
  },
  {
    field: 'swb',
    selection: `trajectenGestart { ${N} } trajectenLopendOpEinddatum { ${N} } trajectenBeeindigd { ${N} }
      beeindigdPerResultaat { resultaat aantal { ${N} } }
      aandeelBetaaldWerk { teller { ${N} } noemer { ${N} } ratio onderdrukt }
      swDienstverbandenOpEinddatum { ${N} } gedetacheerdOpEinddatum { ${N} }`,
    flows: [
      { name: 'gestart', total: field('trajectenGestart') },
      {
        name: 'beeindigd',
        total: field('trajectenBeeindigd'),
        breakdowns: [{ name: 'resultaat', parts: parts('beeindigdPerResultaat', 'resultaat') }],
      },
    ],
    stocks: [
      {
        name: 'lopend',
        at: field('trajectenLopendOpEinddatum'),
        flows: { starts: 'gestart', ends: 'beeindigd' },
      },
      {
        name: 'dienstverbanden',
        at: field('swDienstverbandenOpEinddatum'),
        subsets: [{ name: 'gedetacheerd', get: field('gedetacheerdOpEinddatum') }],
      },
    ],
    ratios: [
      {
        get: field<{ teller: Aantal; noemer: Aantal; ratio: number | null; onderdrukt: boolean }>(
          'aandeelBetaaldWerk',
        ),
        teller: 'beeindigd/resultaat=BETAALD_WERK',
        noemer: 'beeindigd',
      },
    ],
  },
  {
    field: 'schuldhulp',
    selection: `aanmeldingen { ${N} } aanmeldingenPerBron { bron aantal { ${N} } }
      aandeelBudgetAlert { teller { ${N} } noemer { ${N} } ratio onderdrukt } lopendOpEinddatum { ${N} }
      lopendPerFase { fase aantal { ${N} } } budgetbeheerOpEinddatum { ${N} } vroegsignalen { ${N} }
      vroegsignalenPerSoort { soort aantal { ${N} } }`,
    flows: [
      {
        name: 'aanmeldingen',
        total: field('aanmeldingen'),
        breakdowns: [{ name: 'bron', parts: parts('aanmeldingenPerBron', 'bron') }],
      },
      {
        name: 'vroegsignalen',
        total: field('vroegsignalen'),
        breakdowns: [{ name: 'soort', parts: parts('vroegsignalenPerSoort', 'soort') }],
      },
    ],
    stocks: [
      {
        name: 'lopend',
        at: field('lopendOpEinddatum'),
        breakdown: { name: 'fase', parts: parts('lopendPerFase', 'fase') },
        flows: { starts: 'aanmeldingen' },
        subsets: [
          {
            name: 'budgetbeheer',
            get: field('budgetbeheerOpEinddatum'),
          },
        ],
      },
    ],
    ratios: [
      {
        get: field<{ teller: Aantal; noemer: Aantal; ratio: number | null; onderdrukt: boolean }>(
          'aandeelBudgetAlert',
        ),
        teller: 'aanmeldingen/bron=BUDGETALERT',
        noemer: 'aanmeldingen',
      },
    ],
  },
  {
    field: 'werkplein',
    selection: `plaatsingenGestart { ${N} } plaatsingenPerSoort { soort aantal { ${N} } }
      plaatsingenMetLks { ${N} } lopendOpEinddatum { ${N} } vacaturesGeopend { ${N} }`,
    flows: [
      {
        name: 'plaatsingen',
        total: field('plaatsingenGestart'),
        breakdowns: [{ name: 'soort', parts: parts('plaatsingenPerSoort', 'soort') }],
        subsets: [{ name: 'metLks', get: field('plaatsingenMetLks') }],
      },
      { name: 'vacatures', total: field('vacaturesGeopend') },
    ],
    stocks: [{ name: 'lopend', at: field('lopendOpEinddatum'), flows: { starts: 'plaatsingen' } }],
    ratios: [],
  },
  {
    field: 'werkcentrum',
    selection: `gestart { ${N} } gestartPerSoort { soort aantal { ${N} } } lopendOpEinddatum { ${N} }
      budgetGestartCenten { centen onderdrukt }`,
    flows: [
      {
        name: 'gestart',
        total: field('gestart'),
        breakdowns: [{ name: 'soort', parts: parts('gestartPerSoort', 'soort') }],
      },
    ],
    stocks: [{ name: 'lopend', at: field('lopendOpEinddatum'), flows: { starts: 'gestart' } }],
    ratios: [],
    money: {
      get: field<{ centen: number | null; onderdrukt: boolean }>('budgetGestartCenten'),
      count: field('gestart'),
    },
  },
];

type Figure = Aantal | { centen: number | null; onderdrukt: boolean };

/** A linear equation over figures: the sum of coefficient × figure is `rhs`. */
interface Row {
  coef: Map<number, number>;
  rhs: number;
  /** The equation the row came from, for a message. */
  label: string;
}

const EPSILON = 1e-6;
const isSmallCount = (value: number) =>
  Math.abs(value - Math.round(value)) < EPSILON && value > 0.5 && value < 4.5;

/**
 * What the attacker knows of one gemeente and statistic over every year: the shown figures, which
 * figures are hidden or never published, and the equations among them.
 */
class Knowledge {
  readonly known = new Map<string, number>();
  /** Figures the attacker is after: published but hidden, or never published. */
  readonly hidden = new Set<string>();
  readonly money = new Set<string>();
  readonly equations: [string, number][][] = [];
  /** Equations that are a total and its parts, for the residues the rules must keep 0 or at least 5. */
  readonly sums: { total: string; parts: string[] }[] = [];
  readonly findings: string[] = [];
  /** Figures that differ between answers. */
  readonly inconsistencies: string[] = [];
  /** Equations that the shown figures break (the attacker's model would be wrong). */
  readonly broken: string[] = [];
  identities = 0;
  secondary = 0;

  see(id: string, figure: Figure): void {
    const value = 'waarde' in figure ? figure.waarde : figure.centen;
    if ('centen' in figure) this.money.add(id);
    if (figure.onderdrukt || value === null) {
      if (this.known.has(id)) this.inconsistencies.push(`${id} shown in one answer, hidden in another`);
      this.hidden.add(id);
      return;
    }
    const earlier = this.known.get(id);
    if (this.hidden.has(id)) this.inconsistencies.push(`${id} hidden in one answer, shown in another`);
    if (earlier !== undefined && earlier !== value)
      this.inconsistencies.push(`${id}: ${earlier} and ${value}`);
    this.known.set(id, value);
  }

  /** A figure no answer shows, but the attacker may compute. */
  unpublished(id: string): void {
    if (!this.known.has(id)) this.hidden.add(id);
  }

  relate(total: string, parts: string[]): void {
    this.sums.push({ total, parts });
    this.equations.push([[total, 1], ...parts.map((part): [string, number] => [part, -1])]);
  }

  identity(terms: [string, number][]): void {
    this.identities++;
    this.equations.push(terms);
  }

  /** Solves the equations exactly, then records what they give away. */
  attack(): void {
    const names: string[] = [];
    const index = new Map<string, number>();
    const rows: Row[] = [];
    for (const equation of this.equations) {
      const label = equation.map(([id, c]) => `${c > 0 ? '+' : '-'}${id}`).join(' ');
      const row: Row = { coef: new Map(), rhs: 0, label };
      for (const [id, c] of equation) {
        const value = this.known.get(id);
        if (value !== undefined) {
          row.rhs -= c * value;
          continue;
        }
        let i = index.get(id);
        if (i === undefined) {
          i = names.length;
          names.push(id);
          index.set(id, i);
        }
        row.coef.set(i, (row.coef.get(i) ?? 0) + c);
      }
      rows.push(row);
    }
    const determined = solve(rows, (row) => this.broken.push(`${row.label} is off by ${row.rhs}`));
    const value = (id: string) => this.known.get(id) ?? determined.values.get(index.get(id) ?? -1);
    for (const [i, v] of determined.values) {
      const id = names[i] ?? '';
      if (!this.hidden.has(id)) continue;
      if (this.money.has(id)) {
        if (Math.abs(v) > EPSILON) this.findings.push(`hidden sum of money ${id} = ${v}`);
      } else if (isSmallCount(v)) {
        this.findings.push(`hidden count ${id} = ${v}`);
      }
    }
    // A determined combination of hidden counts, all taken positively, is a count of residents too.
    for (const row of determined.rows) {
      const ids = [...row.coef.keys()].map((i) => names[i] ?? '');
      if (row.coef.size < 2 || ids.some((id) => this.money.has(id))) continue;
      if ([...row.coef.values()].every((c) => c > 0) && isSmallCount(row.rhs)) {
        this.findings.push(
          `hidden counts ${[...row.coef].map(([i, c]) => `${c}×${names[i]}`).join(' + ')} = ${row.rhs}`,
        );
      }
    }
    for (const { total, parts } of this.sums) {
      const totalValue = value(total);
      const unknown = parts.filter((part) => value(part) === undefined);
      if (totalValue === undefined || unknown.length === 0) continue;
      const residue = parts.reduce((rest, part) => rest - (value(part) ?? 0), totalValue);
      if (this.money.has(total)) {
        if (unknown.length < parts.length && Math.abs(residue) > EPSILON) {
          this.findings.push(
            `hidden sums of money ${unknown.join('+')} = ${residue} (${total} minus the shown)`,
          );
        }
      } else if (isSmallCount(residue)) {
        this.findings.push(`hidden counts ${unknown.join('+')} = ${residue} (${total} minus the shown)`);
      } else if (residue >= 5) {
        this.secondary++;
      }
    }
  }
}

/**
 * Gaussian elimination on sparse rows, kept in reduced form (a pivot occurs in its own row only).
 * Returns the figures the rows determine and the reduced rows; rows that reduce to 0 = c with c not 0
 * are reported as broken.
 */
function solve(rows: Row[], broken: (row: Row) => void): { values: Map<number, number>; rows: Row[] } {
  const pivots = new Map<number, Row>();
  const containing = new Map<number, Set<Row>>();
  const setCoef = (row: Row, i: number, c: number, tracked: boolean) => {
    if (Math.abs(c) < 1e-9) {
      row.coef.delete(i);
      if (tracked) containing.get(i)?.delete(row);
    } else {
      row.coef.set(i, c);
      if (tracked) {
        let set = containing.get(i);
        if (!set) containing.set(i, (set = new Set()));
        set.add(row);
      }
    }
  };
  const addTo = (target: Row, source: Row, factor: number, tracked: boolean) => {
    for (const [i, c] of source.coef) setCoef(target, i, (target.coef.get(i) ?? 0) + factor * c, tracked);
    target.rhs += factor * source.rhs;
  };
  for (const row of rows) {
    for (const i of [...row.coef.keys()]) {
      const pivot = pivots.get(i);
      const c = row.coef.get(i);
      if (pivot && c !== undefined) addTo(row, pivot, -c, false);
    }
    if (row.coef.size === 0) {
      if (Math.abs(row.rhs) > EPSILON) broken(row);
      continue;
    }
    let p = -1;
    for (const [i, c] of row.coef) if (Math.abs(Math.abs(c) - 1) < 1e-9 && (p < 0 || i < p)) p = i;
    if (p < 0) p = Math.min(...row.coef.keys());
    const scale = row.coef.get(p) ?? 1;
    for (const [i, c] of row.coef) row.coef.set(i, c / scale);
    row.rhs /= scale;
    for (const other of [...(containing.get(p) ?? [])]) addTo(other, row, -(other.coef.get(p) ?? 0), true);
    pivots.set(p, row);
    for (const [i, c] of [...row.coef]) setCoef(row, i, c, true);
  }
  const values = new Map<number, number>();
  for (const [p, row] of pivots) if (row.coef.size === 1) values.set(p, row.rhs);
  return { values, rows: [...pivots.values()] };
}

function documentFor(statistic: Statistic, gemeente: string, jaar: number): string {
  const fields = PERIODS.map(
    ({ key, periode }) => `${key}: ${statistic.field}(periode: ${periode(jaar)}) { ${statistic.selection} }`,
  );
  return `query Aanval { gemeente(code: "${gemeente}") { ${fields.join('\n')} } }`;
}

/** Reads the 17 answers of one statistic of one gemeente and year into what an attacker knows. */
function learn(k: Knowledge, statistic: Statistic, jaar: number, answers: Record<string, Answer>): void {
  const at = (name: string, key: string) => `${name}@${jaar}${key}`;
  for (const { key, months } of PERIODS) {
    const a = answers[key];
    if (!a) throw new Error(`no answer for ${key}`);
    const last = `M${months[months.length - 1] ?? 0}`;
    const first = `M${months[0] ?? 0}`;
    for (const flow of statistic.flows) {
      const cell = (suffix = '') => at(`${flow.name}${suffix}`, key);
      k.see(cell(), flow.total(a));
      flow
        .perMonth?.(a)
        .forEach((point, index) => k.see(at(flow.name, `M${months[index] ?? 0}`), point.aantal));
      for (const breakdown of flow.breakdowns ?? []) {
        const parts = breakdown.parts(a);
        for (const [category, aantal] of parts) k.see(cell(`/${breakdown.name}=${category}`), aantal);
        // The attacker does not know the categories are complete: a rest may hide beside them.
        const rest = cell(`/${breakdown.name}=?`);
        k.unpublished(rest);
        k.relate(cell(), [...parts.map(([category]) => cell(`/${breakdown.name}=${category}`)), rest]);
        for (const union of flow.unions ?? []) {
          if (union.breakdown !== breakdown.name) continue;
          k.see(cell(`/${union.name}`), union.get(a));
          const members = union.categories(parts.map(([category]) => category));
          k.relate(cell(`/${union.name}`), [
            ...members.map((category) => cell(`/${breakdown.name}=${category}`)),
            rest,
          ]);
          k.relate(cell(), [
            ...parts
              .map(([category]) => category)
              .filter((c) => !members.includes(c))
              .map((c) => cell(`/${breakdown.name}=${c}`)),
            cell(`/${union.name}`),
          ]);
        }
      }
      for (const alias of flow.aliases ?? [])
        k.see(cell(`/${alias.breakdown}=${alias.category}`), alias.get(a));
      for (const subset of flow.subsets ?? []) {
        k.see(cell(`/${subset.name}`), subset.get(a));
        k.unpublished(cell(`/${subset.name}~`));
        k.relate(cell(), [cell(`/${subset.name}`), cell(`/${subset.name}~`)]);
      }
    }
    for (const stock of statistic.stocks) {
      const point = (suffix = '') => at(`${stock.name}${suffix}`, stock.atFirst ? first : last);
      k.see(point(), stock.at(a));
      stock.series?.(a).forEach((p, index) => k.see(at(stock.name, `M${months[index] ?? 0}`), p.aantal));
      if (stock.breakdown) {
        const parts = stock.breakdown.parts(a);
        for (const [category, aantal] of parts) k.see(point(`/${category}`), aantal);
        k.unpublished(point('/?'));
        k.relate(point(), [...parts.map(([c]) => point(`/${c}`)), point('/?')]);
      }
      for (const subset of stock.subsets ?? []) {
        k.see(point(`/${subset.name}`), subset.get(a));
        k.unpublished(point(`/${subset.name}~`));
        k.relate(point(), [point(`/${subset.name}`), point(`/${subset.name}~`)]);
      }
      const mean = stock.mean?.(a);
      if (mean && !mean.onderdrukt && mean.waarde !== null) {
        // mean × months is the sum of the month-ends
        k.known.set(at(`${stock.name}Σ`, key), Math.round(mean.waarde * mean.maanden));
        k.relate(
          at(`${stock.name}Σ`, key),
          months.map((m) => at(stock.name, `M${m}`)),
        );
      }
    }
    for (const ratio of statistic.ratios) {
      const { teller, noemer, ratio: value, onderdrukt } = ratio.get(a);
      k.see(at(ratio.teller, key), teller);
      k.see(at(ratio.noemer, key), noemer);
      // A ratio beside a hidden part gives that part (ratio × noemer, teller ÷ ratio).
      if (!onderdrukt && value !== null && (teller.onderdrukt || noemer.onderdrukt)) {
        k.findings.push(`ratio ${ratio.teller}/${ratio.noemer} shown beside a hidden part (${jaar} ${key})`);
      }
    }
    if (statistic.money) {
      const money = statistic.money.get(a);
      k.see(at('geld', key), money);
      const count = statistic.money.count(a);
      // Money against counts: a sum shown over fewer than ten started would be the money of a few.
      if (!money.onderdrukt && (money.centen ?? 0) > 0 && !count.onderdrukt && (count.waarde ?? 0) < 10) {
        k.findings.push(`money ${money.centen} shown over ${count.waarde} started (${jaar} ${key})`);
      }
    }
  }
  // Nested periods, for every additive figure of the flows and for money.
  const additive = new Set<string>();
  for (const id of [...k.known.keys(), ...k.hidden]) {
    const [name, period] = id.split('@');
    if (period?.startsWith(String(jaar)) && statistic.flows.some((flow) => name?.split('/')[0] === flow.name))
      additive.add(name ?? '');
  }
  if (statistic.money) additive.add('geld');
  for (const stock of statistic.stocks)
    if (stock.flows && !stock.flows.ends) additive.add(`${stock.name}-uit`);
  for (const name of additive) nest(k, (period) => at(name, period));
}

/** A year is the sum of its quarters and of its months, a quarter the sum of its months. */
function nest(k: Knowledge, id: (period: string) => string): void {
  for (const period of ['Y', ...QUARTERS, ...MONTHS]) k.unpublished(id(period));
  k.relate(id('Y'), QUARTERS.map(id));
  k.relate(id('Y'), MONTHS.map(id));
  for (const q of QUARTERS) k.relate(id(q), quarterMonths(q).map(id));
}

/**
 * Stocks against flows over adjacent months: the stock after a month is the stock before it plus what
 * started in it minus what ended in it. A month-end stock runs from the previous month-end (December
 * of the year before, for January), a stock taken on the first day to the next month's first day.
 */
function relateStocksToFlows(k: Knowledge, statistic: Statistic): void {
  for (const stock of statistic.stocks) {
    if (!stock.flows) continue;
    const point = (jaar: number, m: number) => {
      const id = `${stock.name}@${jaar + Math.floor(m / 12)}M${(m + 12) % 12}`;
      k.unpublished(id);
      return id;
    };
    for (const jaar of JAREN) {
      for (let m = 0; m < 12; m++) {
        const [before, after] = stock.atFirst
          ? [point(jaar, m), point(jaar, m + 1)]
          : [point(jaar, m - 1), point(jaar, m)];
        const ends = `${stock.flows.ends ?? `${stock.name}-uit`}@${jaar}M${m}`;
        k.unpublished(ends);
        k.identity([
          [after, 1],
          [before, -1],
          [`${stock.flows.starts}@${jaar}M${m}`, -1],
          [ends, 1],
        ]);
      }
    }
  }
}

describe('Statistics: an attacker with every answer of the synthetic region finds no count of 1 to 4', () => {
  let hub: TestHub;
  const results: { where: string; knowledge: Knowledge }[] = [];

  beforeAll(async () => {
    hub = await startTestHub('aanvaller', async (_orms, urls) => {
      await loadPopulation(generatePopulation({ scale: 1 }), urls, { truncate: true });
    });
    for (const gemeente of GEMEENTEN) {
      for (const statistic of STATISTICS) {
        const knowledge = new Knowledge();
        // One request per year: one gemeente, one statistic, the 17 periods of the year.
        await Promise.all(
          JAREN.map(async (jaar) => {
            const response = await hub.query(
              documentFor(statistic, gemeente, jaar),
              {},
              { as: 'analist', purpose: 'beleidsinformatie' },
            );
            if (response.errors) throw new Error(JSON.stringify(response.errors).slice(0, 500));
            learn(knowledge, statistic, jaar, response.data?.gemeente as Record<string, Answer>);
          }),
        );
        relateStocksToFlows(knowledge, statistic);
        knowledge.attack();
        results.push({ where: `${gemeente} ${statistic.field}`, knowledge });
      }
    }
  });
  afterAll(() => hub?.close());

  it('asked every statistic of every gemeente for every year, quarter and month', () => {
    expect(results).toHaveLength(GEMEENTEN.length * STATISTICS.length);
  });

  it('got the same answer for a figure whichever period asked for it', () => {
    expect(
      results.flatMap(({ where, knowledge }) => knowledge.inconsistencies.map((i) => `${where}: ${i}`)),
    ).toEqual([]);
  });

  it('set every stock against its flows, and the shown figures keep those identities exactly', () => {
    const stocksWithFlows = STATISTICS.flatMap((s) => s.stocks.filter((stock) => stock.flows)).length;
    expect(results.reduce((sum, { knowledge }) => sum + knowledge.identities, 0)).toBe(
      GEMEENTEN.length * stocksWithFlows * JAREN.length * 12,
    );
    expect(results.flatMap(({ where, knowledge }) => knowledge.broken.map((b) => `${where}: ${b}`))).toEqual(
      [],
    );
  });

  it('derives no hidden count of 1 to 4, no hidden parts that sum to 1 to 4, and no hidden sum of money', () => {
    expect(
      results.flatMap(({ where, knowledge }) => knowledge.findings.map((f) => `${where}: ${f}`)),
    ).toEqual([]);
  });

  it('had suppressed cells to attack, including hidden parts that sum to 5 or more (secondary suppression)', () => {
    const hidden = results.reduce(
      (sum, { knowledge }) => sum + [...knowledge.hidden].filter((id) => !knowledge.known.has(id)).length,
      0,
    );
    const secondary = results.reduce((sum, { knowledge }) => sum + knowledge.secondary, 0);
    expect(hidden).toBeGreaterThan(1000);
    expect(secondary).toBeGreaterThan(100);
  });
});
