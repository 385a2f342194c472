/**
 * The synthetic population of Twente for the five partner databases.
 *
 * - scale 1: the real region (Hengelo, Borne, Haaksbergen, Enschede, and a few Hof van Twente residents
 *   at SWB), calibrated exactly on the published figures (DOMAIN.md, "Calibration").
 * - scale N (integer > 1): the real region plus N-1 synthetic copies with codes GM9001, GM9002, ...
 *   (four per copy), each from its own derived seed and with its own size factor (0.85..1.15).
 * - scale < 1: the real region with every target multiplied by the scale and rounded (a demo).
 *
 * The same seed and scale give byte-identical rows.
 */
import { BsnAllocator } from './bsn';
import { REAL_CODES, TEMPLATES, type Template } from './calibration';
import { Random } from './random';
import { generateRegion } from './region';
import { emptyPopulation, PARTNERS, type Population } from './tables';
import type { IdCounters } from './werkplein';

export interface GenerateOptions {
  /** Any text or number; default DEFAULT_SEED. */
  seed?: string | number;
  /** See the module comment; default 1. */
  scale?: number;
}

export const DEFAULT_SEED = 'twente';
/** Copies have codes GM9001..GM9999: at most 249 copies of four municipalities. */
export const MAX_SCALE = 250;

/** Checks a scale: a positive number below 1, or an integer from 1 to MAX_SCALE. */
export function validateScale(scale: number): void {
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`scale must be a positive number, got ${scale}`);
  if (scale > 1 && !Number.isInteger(scale))
    throw new Error(`a scale above 1 must be an integer, got ${scale}`);
  if (scale > MAX_SCALE) throw new Error(`scale must be at most ${MAX_SCALE}, got ${scale}`);
}

/** Codes of synthetic copy k (1-based): GM9001..GM9004 for the first, in template order. */
export function copyCodes(copy: number): Record<Template, string> {
  const codes = {} as Record<Template, string>;
  TEMPLATES.forEach((template, index) => {
    codes[template] = `GM${9000 + (copy - 1) * TEMPLATES.length + index + 1}`;
  });
  return codes;
}

/**
 * The population region by region: first the real region, then each synthetic copy. Loading part by
 * part keeps memory flat at large scales; BSNs and Werkplein ids run on across the parts.
 */
export function* generatePopulationParts(options: GenerateOptions = {}): Generator<Population> {
  const scale = options.scale ?? 1;
  validateScale(scale);
  const root = new Random(`ketenhub:${options.seed ?? DEFAULT_SEED}`);
  const bsns = new BsnAllocator();
  const ids: IdCounters = { werkgever: 0, vacature: 0 };
  yield generateRegion({
    rng: root.fork('regio-0'),
    factor: scale < 1 ? scale : 1,
    codes: REAL_CODES,
    real: true,
    bsns,
    ids,
  });
  for (let copy = 1; copy < scale; copy++) {
    const rng = root.fork(`regio-${copy}`);
    yield generateRegion({
      rng,
      factor: rng.fork('omvang').real(0.85, 1.15),
      codes: copyCodes(copy),
      real: false,
      bsns,
      ids,
    });
  }
}

/** Appends every row of `part` to `into`. */
export function appendPopulation(into: Population, part: Population): void {
  for (const partner of PARTNERS) {
    const target = into[partner] as unknown as Record<string, unknown[]>;
    const source = part[partner] as unknown as Record<string, unknown[]>;
    for (const [table, rows] of Object.entries(source)) {
      const list = target[table] as unknown[];
      for (const row of rows) list.push(row);
    }
  }
}

/** The whole population in memory (for tests and small scales; large ones load part by part). */
export function generatePopulation(options: GenerateOptions = {}): Population {
  const population = emptyPopulation();
  for (const part of generatePopulationParts(options)) appendPopulation(population, part);
  return population;
}
