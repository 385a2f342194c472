/** CBS codes and names of the municipalities the chain partners serve. */
export const GEMEENTEN: Readonly<Record<string, string>> = {
  GM0147: 'Borne',
  GM0153: 'Enschede',
  GM0158: 'Haaksbergen',
  GM0164: 'Hengelo',
  GM1735: 'Hof van Twente',
};

/** The four municipalities of the regional dashboard. */
export const DASHBOARD_GEMEENTEN = ['GM0164', 'GM0147', 'GM0158', 'GM0153'] as const;

/**
 * Synthetic municipalities used when the population is generated at a larger scale: codes GM9001 and
 * up, which CBS does not use, so they can never be mistaken for a real municipality.
 */
export function gemeenteNaam(code: string): string | null {
  const known = GEMEENTEN[code];
  if (known) return known;
  const synthetic = /^GM9(\d{3})$/.exec(code);
  return synthetic ? `Synthetische gemeente ${synthetic[1]}` : null;
}
