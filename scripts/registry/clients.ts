import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as bench from '../../bench/documents';
import { CASUSOVERLEG_QUERY, DEMO_DOCUMENTEN } from '../../hub/demo';
import { PROJECT_ROOT } from '../../platform/paths';

/** A client of the hub whose documents the registry holds as trusted documents. */
export interface ClientDefinition {
  name: string;
  omschrijving: string;
  /** Where its documents are written, relative to the project root. */
  bronnen: string[];
  /** Every document exactly as the client sends it. */
  documents(): Promise<string[]>;
}

const execFileAsync = promisify(execFile);

let webDocuments: Promise<Record<'dashboard' | 'web', string[]>> | null = null;

/** The web client's documents, read from its modules by `web-documents.mjs` (once per process). */
function web(client: 'dashboard' | 'web'): Promise<string[]> {
  webDocuments ??= execFileAsync(process.execPath, [
    join(PROJECT_ROOT, 'scripts', 'registry', 'web-documents.mjs'),
  ]).then(({ stdout }) => JSON.parse(stdout) as Record<'dashboard' | 'web', string[]>);
  return webDocuments.then((documents) => documents[client]);
}

const DASHBOARD = 'web/src/pages/dashboard/cijfers.ts';
const CASUSOVERLEG_PAGES = 'web/src/pages/casusoverleg/queries.ts';
const MIJN_INZAGE = 'web/src/pages/mijn-inzage.tsx';
const GEBRUIKSRAPPORTAGE = 'web/src/pages/gebruiksrapportage.tsx';
const SIGNALEN = 'web/src/pages/signalen/queries.ts';

/** The clients of the registry; a new client adds itself here and runs `npm run registry`. */
export const CLIENTS: ClientDefinition[] = [
  {
    name: 'dashboard',
    omschrijving: 'Regionaal dashboard: statistieken per gemeente en periode (web client, /dashboard)',
    bronnen: [DASHBOARD],
    documents: () => web('dashboard'),
  },
  {
    name: 'web',
    omschrijving:
      'Web client: casusoverleggen, signalen, mijn inzage en de gebruiksrapportage van de privacy officer',
    bronnen: [CASUSOVERLEG_PAGES, MIJN_INZAGE, GEBRUIKSRAPPORTAGE, SIGNALEN],
    documents: () => web('web'),
  },
  {
    name: 'casusoverleg',
    omschrijving: 'Casusoverleg: opzetten van een overleg en het beeld van de inwoner voor een deelnemer',
    bronnen: ['hub/demo.ts'],
    documents: () => Promise.resolve([...Object.values(DEMO_DOCUMENTEN), CASUSOVERLEG_QUERY]),
  },
  {
    name: 'bench',
    omschrijving: 'Benchmark: de scenario’s van npm run bench',
    bronnen: ['bench/documents.ts'],
    documents: () => Promise.resolve(Object.values(bench)),
  },
];
