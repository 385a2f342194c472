import { loadPopulation } from '../generator/load';
import { generatePopulation } from '../generator/population';
import { startTestHub, type TestHub } from './support/hub';

/**
 * The attacker of docs/ACCESS.md, Statistics: an ANALIST who asks every statistic of every gemeente of
 * the synthetic region (scale 1, as the calibration) for every year of the data, each of its quarters
 * and each of its months, and then computes what the answers give away:
 *
 * - within one answer, a total minus its shown parts (reasons, kinds, phases, months of a series, a
 *   subset such as "with LKS" or "statushouders" and what is left of the total);
 * - over nested periods, a year minus its shown quarters or months, a quarter minus its shown months,
 *   for every additive flow and every category of it;
 * - a ratio times its shown part, a mean times its months minus the shown month-ends;
 * - sums of money over nested periods, and money against the count it is spent on.
 *
 * Every derivation is repeated until nothing new follows (a derived cell can open the next relation).
 * The test fails when a hidden cell is derived with a count of 1 to 4, when a relation leaves hidden
 * parts that sum to 1 to 4, or when a hidden sum of money is derived.
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
  /** The stock at the period's last month (or its first, for a stock taken at the start). */
  at: (a: Answer) => Aantal;
  atFirst?: boolean;
  series?: (a: Answer) => { maand: string; aantal: Aantal }[];
  mean?: (a: Answer) => { waarde: number | null; maanden: number; onderdrukt: boolean };
  breakdown?: { name: string; parts: (a: Answer) => [string, Aantal][] };
  subsets?: { name: string; get: (a: Answer) => Aantal }[];
}
interface RatioSpec {
  get: (a: Answer) => { teller: Aantal; noemer: Aantal; ratio: number | null; onderdrukt: boolean };
  /** Cell ids (without period) of teller and noemer. */
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
      { name: 'contracten', at: field('lopendOpBegindatum'), atFirst: true },
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
    stocks: [{ name: 'lopend', at: field('lopendOpEinddatum') }],
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
      { name: 'lopend', at: field('trajectenLopendOpEinddatum') },
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
    stocks: [{ name: 'lopend', at: field('lopendOpEinddatum') }],
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
    stocks: [{ name: 'lopend', at: field('lopendOpEinddatum') }],
    ratios: [],
    money: {
      get: field<{ centen: number | null; onderdrukt: boolean }>('budgetGestartCenten'),
      count: field('gestart'),
    },
  },
];

/** What the attacker knows: cells by id, and additive relations among them (total = sum of parts). */
class Knowledge {
  readonly known = new Map<string, number>();
  readonly hidden = new Set<string>();
  readonly relations: { total: string; parts: string[]; money?: boolean }[] = [];
  readonly findings: string[] = [];
  readonly inconsistencies: string[] = [];
  secondary = 0;

  see(id: string, figure: Aantal | { centen: number | null; onderdrukt: boolean }): void {
    const value = 'waarde' in figure ? figure.waarde : figure.centen;
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

  relate(total: string, parts: string[], money = false): void {
    this.relations.push({ total, parts, money });
  }

  private derive(id: string, value: number, how: string, money: boolean): void {
    this.known.set(id, value);
    if (!this.hidden.has(id)) return;
    if (money) {
      if (value !== 0) this.findings.push(`hidden sum of money ${id} = ${value} (${how})`);
    } else if (value >= 1 && value <= 4) {
      this.findings.push(`hidden count ${id} = ${value} (${how})`);
    }
  }

  /** Derives what follows, until nothing does; then checks what the relations leave hidden. */
  attack(ratios: { teller: string; noemer: string; ratio: number }[]): void {
    for (let changed = true; changed;) {
      changed = false;
      for (const { total, parts, money = false } of this.relations) {
        const unknown = parts.filter((part) => !this.known.has(part));
        const known = parts
          .filter((part) => this.known.has(part))
          .reduce((sum, part) => sum + (this.known.get(part) ?? 0), 0);
        const totalValue = this.known.get(total);
        if (totalValue !== undefined && unknown.length === 1) {
          this.derive(unknown[0] ?? '', totalValue - known, `${total} minus its other parts`, money);
          changed = true;
        } else if (totalValue === undefined && unknown.length === 0) {
          this.derive(total, known, `sum of the parts of ${total}`, money);
          changed = true;
        }
      }
      for (const { teller, noemer, ratio } of ratios) {
        if (this.known.has(noemer) && !this.known.has(teller)) {
          this.derive(teller, Math.round(ratio * (this.known.get(noemer) ?? 0)), 'ratio times noemer', false);
          changed = true;
        } else if (this.known.has(teller) && !this.known.has(noemer) && ratio > 0) {
          this.derive(noemer, Math.round((this.known.get(teller) ?? 0) / ratio), 'teller over ratio', false);
          changed = true;
        }
      }
    }
    for (const { total, parts, money } of this.relations) {
      const totalValue = this.known.get(total);
      const unknown = parts.filter((part) => !this.known.has(part));
      if (totalValue === undefined || unknown.length === 0) continue;
      const residue = totalValue - parts.reduce((sum, part) => sum + (this.known.get(part) ?? 0), 0);
      if (money) {
        if (unknown.length < parts.length && residue !== 0) {
          this.findings.push(
            `hidden sums of money ${unknown.join('+')} = ${residue} (${total} minus the shown)`,
          );
        }
      } else if (residue >= 1 && residue <= 4) {
        this.findings.push(`hidden counts ${unknown.join('+')} = ${residue} (${total} minus the shown)`);
      } else if (residue >= 5) {
        this.secondary++;
      }
    }
  }
}

function documentFor(statistic: Statistic, gemeente: string, jaar: number): string {
  const fields = PERIODS.map(
    ({ key, periode }) => `${key}: ${statistic.field}(periode: ${periode(jaar)}) { ${statistic.selection} }`,
  );
  return `query Aanval { gemeente(code: "${gemeente}") { ${fields.join('\n')} } }`;
}

/** Reads the 17 answers of one statistic of one gemeente and year into what an attacker knows. */
function learn(statistic: Statistic, answers: Record<string, Answer>): Knowledge {
  const k = new Knowledge();
  const ratios: { teller: string; noemer: string; ratio: number }[] = [];
  for (const { key, months } of PERIODS) {
    const a = answers[key];
    if (!a) throw new Error(`no answer for ${key}`);
    const last = `M${months[months.length - 1] ?? 0}`;
    const first = `M${months[0] ?? 0}`;
    for (const flow of statistic.flows) {
      const cell = (suffix = '') => `${flow.name}${suffix}@${key}`;
      k.see(cell(), flow.total(a));
      flow
        .perMonth?.(a)
        .forEach((point, index) => k.see(`${flow.name}@M${months[index] ?? 0}`, point.aantal));
      for (const breakdown of flow.breakdowns ?? []) {
        const parts = breakdown.parts(a);
        for (const [category, aantal] of parts) k.see(cell(`/${breakdown.name}=${category}`), aantal);
        // The attacker does not know the categories are complete: a rest may hide beside them.
        const ids = [
          ...parts.map(([category]) => cell(`/${breakdown.name}=${category}`)),
          cell(`/${breakdown.name}=?`),
        ];
        k.hidden.add(cell(`/${breakdown.name}=?`));
        k.relate(cell(), ids);
        for (const union of flow.unions ?? []) {
          if (union.breakdown !== breakdown.name) continue;
          k.see(cell(`/${union.name}`), union.get(a));
          const members = union.categories(parts.map(([category]) => category));
          k.relate(cell(`/${union.name}`), [
            ...members.map((category) => cell(`/${breakdown.name}=${category}`)),
            cell(`/${breakdown.name}=?`),
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
        k.hidden.add(cell(`/${subset.name}~`));
        k.relate(cell(), [cell(`/${subset.name}`), cell(`/${subset.name}~`)]);
      }
    }
    for (const stock of statistic.stocks) {
      const at = stock.atFirst ? first : last;
      k.see(`${stock.name}@${at}`, stock.at(a));
      stock
        .series?.(a)
        .forEach((point, index) => k.see(`${stock.name}@M${months[index] ?? 0}`, point.aantal));
      if (stock.breakdown) {
        const parts = stock.breakdown.parts(a);
        for (const [category, aantal] of parts) k.see(`${stock.name}/${category}@${at}`, aantal);
        k.hidden.add(`${stock.name}/?@${at}`);
        k.relate(`${stock.name}@${at}`, [
          ...parts.map(([c]) => `${stock.name}/${c}@${at}`),
          `${stock.name}/?@${at}`,
        ]);
      }
      for (const subset of stock.subsets ?? []) {
        k.see(`${stock.name}/${subset.name}@${at}`, subset.get(a));
        k.hidden.add(`${stock.name}/${subset.name}~@${at}`);
        k.relate(`${stock.name}@${at}`, [
          `${stock.name}/${subset.name}@${at}`,
          `${stock.name}/${subset.name}~@${at}`,
        ]);
      }
      const mean = stock.mean?.(a);
      if (mean && !mean.onderdrukt && mean.waarde !== null) {
        // mean × months is the sum of the month-ends
        k.known.set(`${stock.name}Σ@${key}`, Math.round(mean.waarde * mean.maanden));
        k.relate(
          `${stock.name}Σ@${key}`,
          months.map((m) => `${stock.name}@M${m}`),
        );
      }
    }
    for (const ratio of statistic.ratios) {
      const { teller, noemer, ratio: value, onderdrukt } = ratio.get(a);
      k.see(`${ratio.teller}@${key}`, teller);
      k.see(`${ratio.noemer}@${key}`, noemer);
      if (!onderdrukt && value !== null)
        ratios.push({ teller: `${ratio.teller}@${key}`, noemer: `${ratio.noemer}@${key}`, ratio: value });
    }
    if (statistic.money) {
      const money = statistic.money.get(a);
      k.see(`geld@${key}`, money);
      const count = statistic.money.count(a);
      // Money against counts: a sum shown over fewer than ten started would be the money of a few.
      if (!money.onderdrukt && (money.centen ?? 0) > 0 && !count.onderdrukt && (count.waarde ?? 0) < 10) {
        k.findings.push(`money ${money.centen} shown over ${count.waarde} started (${key})`);
      }
    }
  }
  // Nested periods, for every additive cell of the flows and for money.
  const additive = new Set<string>();
  for (const id of [...k.known.keys(), ...k.hidden]) {
    const [cellName, period] = id.split('@');
    if (period && statistic.flows.some((flow) => cellName?.split('/')[0] === flow.name))
      additive.add(cellName ?? '');
  }
  for (const cellName of [...additive, ...(statistic.money ? ['geld'] : [])]) {
    const money = cellName === 'geld';
    const id = (period: string) => `${cellName}@${period}`;
    for (const period of [...QUARTERS, ...MONTHS]) if (!k.known.has(id(period))) k.hidden.add(id(period));
    k.relate(id('Y'), QUARTERS.map(id), money);
    k.relate(id('Y'), MONTHS.map(id), money);
    for (const q of QUARTERS) k.relate(id(q), quarterMonths(q).map(id), money);
  }
  k.attack(ratios);
  return k;
}

describe('Statistics: an attacker with every answer of the synthetic region finds no count of 1 to 4', () => {
  let hub: TestHub;
  const results: { where: string; knowledge: Knowledge }[] = [];

  beforeAll(async () => {
    hub = await startTestHub('aanvaller', async (_orms, urls) => {
      await loadPopulation(generatePopulation({ scale: 1 }), urls, { truncate: true });
    });
    const jobs = GEMEENTEN.flatMap((gemeente) =>
      JAREN.flatMap((jaar) => STATISTICS.map((statistic) => ({ gemeente, jaar, statistic }))),
    );
    // A few requests at a time: each is one gemeente, one statistic, the 17 periods of one year.
    for (let start = 0; start < jobs.length; start += 6) {
      await Promise.all(
        jobs.slice(start, start + 6).map(async ({ gemeente, jaar, statistic }) => {
          const response = await hub.query(
            documentFor(statistic, gemeente, jaar),
            {},
            {
              as: 'analist',
              purpose: 'beleidsinformatie',
            },
          );
          if (response.errors) throw new Error(JSON.stringify(response.errors).slice(0, 500));
          const answers = response.data?.gemeente as Record<string, Answer>;
          results.push({
            where: `${gemeente} ${jaar} ${statistic.field}`,
            knowledge: learn(statistic, answers),
          });
        }),
      );
    }
  });
  afterAll(() => hub?.close());

  it('asked every statistic of every gemeente for every year, quarter and month', () => {
    expect(results).toHaveLength(GEMEENTEN.length * JAREN.length * STATISTICS.length);
  });

  it('got the same answer for a figure whichever period asked for it', () => {
    expect(
      results.flatMap(({ where, knowledge }) => knowledge.inconsistencies.map((i) => `${where}: ${i}`)),
    ).toEqual([]);
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
