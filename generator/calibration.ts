/**
 * The published figures the generated population reproduces exactly at scale 1 (docs: DOMAIN.md,
 * "Calibration"), and the free parameters around them that only have to be plausible. Synthetic copies
 * and fractional scales multiply every number by a factor and round.
 */
import type { Uitstroomreden } from './tables';

/** The four municipalities of one region; copies of the region reuse these as templates. */
export type Template = 'hengelo' | 'borne' | 'haaksbergen' | 'enschede';
export const TEMPLATES: readonly Template[] = ['hengelo', 'borne', 'haaksbergen', 'enschede'];

/** CBS codes of the real region. Copy k (1-based) uses GM9001 + 4(k-1) .. in this template order. */
export const REAL_CODES: Record<Template, string> = {
  hengelo: 'GM0164',
  borne: 'GM0147',
  haaksbergen: 'GM0158',
  enschede: 'GM0153',
};

export const HOF_VAN_TWENTE = 'GM1735';

/** Calibration of Borne, Hengelo and Haaksbergen (Jaarbericht 2024 of the Uitvoeringsorganisatie). */
export interface BhhTargets {
  /** Running benefits on 31 Dec 2024. */
  running2024: number;
  /** Mean of the twelve month-ends of 2024. */
  mean2024: number;
  endedWork2024: number;
  endedOther2024: number;
  /** Distinct persons with a running LKS on 31 Dec of 2021..2024. */
  lksPersons: Record<2021 | 2022 | 2023 | 2024, number>;
  statushouders2023: number;
  statushouders2024: number;
  begroting2024: number;
}

export const BHH_TARGETS: Record<Exclude<Template, 'enschede'>, BhhTargets> = {
  hengelo: {
    running2024: 2189,
    mean2024: 2141,
    endedWork2024: 183,
    endedOther2024: 357,
    lksPersons: { 2021: 189, 2022: 215, 2023: 265, 2024: 296 },
    statushouders2023: 397,
    statushouders2024: 485,
    begroting2024: 2123,
  },
  borne: {
    running2024: 273,
    mean2024: 276,
    endedWork2024: 26,
    endedOther2024: 52,
    lksPersons: { 2021: 63, 2022: 48, 2023: 50, 2024: 55 },
    statushouders2023: 89,
    statushouders2024: 104,
    begroting2024: 267,
  },
  haaksbergen: {
    running2024: 284,
    mean2024: 271,
    endedWork2024: 28,
    endedOther2024: 48,
    lksPersons: { 2021: 47, 2022: 50, 2023: 52, 2024: 57 },
    statushouders2023: 57,
    statushouders2024: 78,
    begroting2024: 250,
  },
};

/**
 * Free BHH parameters: running benefits at the other year-ends (Dec 2023 is chosen so that the 2024
 * path through the mean looks like the report: flat or dipping, rising in the last months), and the
 * yearly number of ended benefits of the other years with their share ending in work.
 */
export const BHH_HISTORY: Record<
  Exclude<Template, 'enschede'>,
  {
    running: Record<2020 | 2021 | 2022 | 2023 | 2025, number>;
    ended: Record<2021 | 2022 | 2023 | 2025, number>;
    lksPersons2020: number;
    lksPersons2025: number;
    begroting: Record<2021 | 2022 | 2023 | 2025, number>;
  }
> = {
  hengelo: {
    running: { 2020: 2236, 2021: 2158, 2022: 2087, 2023: 2112, 2025: 2231 },
    ended: { 2021: 575, 2022: 598, 2023: 561, 2025: 552 },
    lksPersons2020: 176,
    lksPersons2025: 309,
    begroting: { 2021: 2250, 2022: 2150, 2023: 2080, 2025: 2190 },
  },
  borne: {
    running: { 2020: 291, 2021: 283, 2022: 271, 2023: 281, 2025: 279 },
    ended: { 2021: 82, 2022: 85, 2023: 80, 2025: 79 },
    lksPersons2020: 58,
    lksPersons2025: 57,
    begroting: { 2021: 290, 2022: 280, 2023: 270, 2025: 275 },
  },
  haaksbergen: {
    running: { 2020: 262, 2021: 256, 2022: 249, 2023: 254, 2025: 291 },
    ended: { 2021: 74, 2022: 77, 2023: 73, 2025: 81 },
    lksPersons2020: 44,
    lksPersons2025: 60,
    begroting: { 2021: 260, 2022: 250, 2023: 245, 2025: 285 },
  },
};

/** Share of ended benefits that end in work, in the years without a published split. */
export const BHH_WORK_SHARE = 0.34;

/** How "other" endings spread over their reasons (BHH publishes only work versus other). */
export const OTHER_REASON_WEIGHTS: Readonly<Partial<Record<Uitstroomreden, number>>> = {
  STUDIE: 9,
  WERKPLEIN_PLAATSING: 22,
  ZELFSTANDIG: 3,
  AOW: 16,
  VERHUIZING: 17,
  OVERIG: 33,
};

/** One period of Enschede's benefit flows: instroom and uitstroom per reason. */
export interface FlowPeriod {
  /** First and last month (1..12) of the period, within `year`. */
  year: number;
  fromMonth: number;
  toMonth: number;
  instroom: number;
  uitstroom: Partial<Record<Uitstroomreden, number>>;
}

/**
 * Enschede (Uitvoeringsprogramma EAA 2025): Q1-Q3 2024 exactly; 2022 and 2023 follow the published
 * yearly in- and uitstroom, 2021, Q4 2024 and 2025 the published trend and prognosis. The reason
 * split outside Q1-Q3 2024 follows the Q1-Q3 mix.
 */
export const ENSCHEDE_RUNNING_SEP_2024 = 5687;
export const ENSCHEDE_Q3_2024: FlowPeriod = {
  year: 2024,
  fromMonth: 1,
  toMonth: 9,
  instroom: 1091,
  uitstroom: {
    WERK: 337,
    STUDIE: 44,
    WERKPLEIN_PLAATSING: 261,
    ZELFSTANDIG: 16,
    // "Other" (287) is published as one figure; its split over the three reasons is free.
    OVERIG: 131,
    AOW: 88,
    VERHUIZING: 68,
  },
};

/** A period with only totals: its uitstroom is split over the reasons like Q1-Q3 2024. */
export type PeriodTotals = Omit<FlowPeriod, 'uitstroom'> & { uitstroom: number };

export const ENSCHEDE_OTHER_PERIODS: readonly PeriodTotals[] = [
  { year: 2021, fromMonth: 1, toMonth: 12, instroom: 1250, uitstroom: 1400 },
  { year: 2022, fromMonth: 1, toMonth: 12, instroom: 1144, uitstroom: 1307 },
  { year: 2023, fromMonth: 1, toMonth: 12, instroom: 1275, uitstroom: 1270 },
  { year: 2024, fromMonth: 10, toMonth: 12, instroom: 330, uitstroom: 369 },
  { year: 2025, fromMonth: 1, toMonth: 12, instroom: 1302, uitstroom: 1181 },
];

/** Enschede LKS contracts: 451 running on 1 Jan 2024, 220 started and 155 ended in Q1-Q3 2024. */
export const ENSCHEDE_LKS = {
  runningJan2024: 451,
  startedQ3: 220,
  endedQ3: 155,
  /** Free: contracts running at the start of the history, and flows of the other periods. */
  running2020: 334,
  flows: {
    2021: { started: 121, ended: 82 },
    2022: { started: 133, ended: 96 },
    // 2023 follows from 451: started = 451 - running end 2022 + ended.
    2023: { ended: 108 },
    q4: { started: 72, ended: 51 },
    2025: { started: 166, ended: 121 },
  },
} as const;

/** Begroting (budgeted number of benefits) of Enschede, free. */
export const ENSCHEDE_BEGROTING: Record<number, number> = {
  2021: 5900,
  2022: 5750,
  2023: 5560,
  2024: 5600,
  2025: 5720,
};

/** SWB trajectories of Hengelo that ended in a year, and how many of them in paid work. */
export const SWB_HENGELO = {
  2023: { ended: 300, betaaldWerk: 27 },
  2024: { ended: 315, betaaldWerk: 34 },
} as const;

/** Free SWB trajectory ends per year, with the share ending in paid work. */
export const SWB_ENDED: Record<Exclude<Template, 'enschede'>, Record<number, number>> = {
  hengelo: { 2021: 268, 2022: 286, 2023: 300, 2024: 315, 2025: 322 },
  borne: { 2021: 44, 2022: 47, 2023: 49, 2024: 51, 2025: 52 },
  haaksbergen: { 2021: 6, 2022: 7, 2023: 6, 2024: 8, 2025: 7 },
};
export const SWB_BETAALD_WERK_SHARE = 0.1;

/** Hengelo's debt-help registrations and the BudgetAlert referrals among them. */
export const SCHULDHULP_HENGELO = {
  2023: { aanmeldingen: 547, budgetAlert: 70 },
  2024: { aanmeldingen: 492, budgetAlert: 64 },
} as const;

/** Free registrations per year for every municipality (Hengelo's 2023/2024 above). */
export const SCHULDHULP_AANMELDINGEN: Record<Template, Record<number, number>> = {
  hengelo: { 2021: 583, 2022: 531, 2023: 547, 2024: 492, 2025: 511 },
  borne: { 2021: 84, 2022: 79, 2023: 86, 2024: 81, 2025: 83 },
  haaksbergen: { 2021: 77, 2022: 74, 2023: 79, 2024: 76, 2025: 80 },
  enschede: { 2021: 1390, 2022: 1310, 2023: 1365, 2024: 1290, 2025: 1330 },
};
/** BudgetAlert is Hengelo's front door; its share in the free years. */
export const BUDGETALERT_SHARE_HENGELO = 0.128;
