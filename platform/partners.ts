/**
 * The chain partners as the platform must know them before any partner code loads: the subgraph's
 * name, its default port, the organisations (`org` claim) whose data it holds, and the case role of
 * their employees. The platform never imports a partner folder, so this list is the one place beside
 * `subgraphs/index.ts` that names a partner; `npm run partner:new` adds the entry.
 */
export const PARTNERS = [
  { name: 'werk-inkomen', port: 4001, organisaties: ['wi-bhh', 'wi-enschede'], casusrol: 'KLANTMANAGER' },
  { name: 'swb', port: 4002, organisaties: ['swb'], casusrol: 'TRAJECTBEGELEIDER' },
  { name: 'werkplein', port: 4003, organisaties: ['werkplein'], casusrol: 'ADVISEUR_WERK' },
  { name: 'schuldhulp', port: 4004, organisaties: ['stadsbank'], casusrol: 'SCHULDHULPVERLENER' },
  { name: 'werkcentrum', port: 4005, organisaties: ['werkcentrum'], casusrol: 'LOOPBAANADVISEUR' },
] as const satisfies readonly {
  name: string;
  port: number;
  organisaties: readonly string[];
  casusrol: string;
}[];

export type Partner = (typeof PARTNERS)[number];
