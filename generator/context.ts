/** What every partner's generator of one region (the real one or a synthetic copy) works with. */
import type { Template } from './calibration';
import type { Bevolking, Caseload, Spell } from './persons';
import type { Random } from './random';
import type { Population } from './tables';
import type { Werkplein } from './werkplein';

export interface RegionContext {
  /** The region's stream; every part forks its own from it. */
  rng: Random;
  /** 1 for the calibrated real region; copies and fractional scales multiply every number by it. */
  factor: number;
  /** CBS code per municipality of this region. */
  codes: Record<Template, string>;
  /** True for the real region (it alone has the Hof van Twente residents at SWB). */
  real: boolean;
  bevolking: Bevolking;
  caseloads: Record<Template, Caseload>;
  werkplein: Werkplein;
  /**
   * Long-term benefit recipients who get a row at every partner (the ketenaanpak of the demo).
   * Filled after the benefits; the SWB and Stadsbank generators give them planned rows first.
   */
  cohort: Spell[];
  out: Population;
}

/** A number of the calibration times the region's factor, never below `min`. */
export function scaledCount(context: RegionContext, value: number, min = 0): number {
  return Math.max(min, context.factor === 1 ? value : Math.round(value * context.factor));
}
