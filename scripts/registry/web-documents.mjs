// Prints the web client's documents as JSON, by client. A separate process: Vite compiles the client's
// ES modules (TSX, outside the tsc build), and inside jest's sandbox its bundler cannot run.
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = new URL('../../', import.meta.url);
const load = async (path) =>
  (
    await runnerImport(fileURLToPath(new URL(path, root)), {
      configFile: false,
      logLevel: 'silent',
      oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    })
  ).module;

const dashboard = await load('web/src/pages/dashboard/cijfers.ts');
const casus = await load('web/src/pages/casusoverleg/queries.ts');
const inzage = await load('web/src/pages/mijn-inzage.tsx');
const rapportage = await load('web/src/pages/gebruiksrapportage.tsx');
const signalen = await load('web/src/pages/signalen/queries.ts');
// The officer's page asks its own organisation's part only: one document per partner field.
const velden = [...new Set(Object.values(rapportage.EIGEN_LOGBOEK).map(({ veld }) => veld))];

process.stdout.write(
  JSON.stringify({
    dashboard: [dashboard.GEMEENTEN_QUERY, dashboard.CIJFERS_QUERY],
    web: [
      casus.MIJN_CASUSOVERLEGGEN,
      casus.CASUSOVERLEG,
      casus.TREK_TOESTEMMING_IN,
      casus.CASUSOVERLEG_LOGBOEK,
      inzage.QUERY,
      signalen.SIGNALENINBOX,
      signalen.ZET_SIGNAALSTATUS_WERK_INKOMEN,
      signalen.ZET_SIGNAALSTATUS_SCHULDHULP,
      signalen.SIGNAAL_ONTVANGEN_WERK_INKOMEN,
      signalen.SIGNAAL_ONTVANGEN_SCHULDHULP,
      ...velden.flatMap((veld) => [rapportage.rapportQuery(veld), rapportage.logboekQuery(veld)]),
    ],
  }),
);
