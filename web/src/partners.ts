/** The chain partners as the hub names its subgraphs, and as people know them. */
export const PARTNERS = {
  'werk-inkomen': 'Werk en Inkomen',
  swb: 'SWB Midden Twente',
  werkplein: 'Werkplein Twente',
  schuldhulp: 'Stadsbank Oost Nederland',
  werkcentrum: 'Werkcentrum Twente',
} as const;

export type Partner = keyof typeof PARTNERS;

export function partnerNaam(name: string | undefined): string {
  return (name && PARTNERS[name as Partner]) || name || 'een ketenpartner';
}

/** Organisations of tokens and case conferences. */
const ORGANISATIES: Record<string, string> = {
  'wi-bhh': 'Werk en Inkomen Borne-Hengelo-Haaksbergen',
  'wi-enschede': 'Werk en Inkomen Enschede',
  swb: 'SWB Midden Twente',
  werkplein: 'Werkplein Twente',
  stadsbank: 'Stadsbank Oost Nederland',
  werkcentrum: 'Werkcentrum Twente',
  regio: 'Regio Twente',
};

export function organisatieNaam(code: string): string {
  return ORGANISATIES[code] ?? code;
}
