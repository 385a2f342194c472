import { Client } from 'pg';
import type { SubgraphName } from '../platform/config';
import { isPopulated, loadPopulation } from '../generator/load';
import { generatePopulation } from '../generator/population';

/** The population of `npm start`: small enough to generate and load in about a second. */
export const DEMO_SCALE = 0.05;

/** Loads the synthetic demo population unless data is there already; returns the residents loaded. */
export async function loadDemoPopulation(urls: Record<SubgraphName, string>): Promise<number> {
  if (await isPopulated(urls['werk-inkomen'])) return 0;
  const population = generatePopulation({ scale: DEMO_SCALE });
  await loadPopulation(population, urls, { truncate: true });
  return population['werk-inkomen'].inwoner.length;
}

async function bsnsIn(url: string, sql: string, params: unknown[]): Promise<Set<string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ bsn: string }>(sql, params);
    return new Set(rows.map((row) => row.bsn));
  } finally {
    await client.end();
  }
}

const BHH = ['GM0164', 'GM0147', 'GM0158'];

/**
 * BSNs of Hengelo, Borne or Haaksbergen residents on a running benefit with data at all five
 * partners: what the demo's KLANTMANAGER of wi-bhh can look at across the chain.
 */
export async function demoBsns(urls: Record<SubgraphName, string>, count: number): Promise<string[]> {
  let candidates = await bsnsIn(
    urls.werkcentrum,
    'select distinct bsn from ontwikkeltraject where gemeente = any($1) order by bsn limit 5000',
    [BHH],
  );
  const filters: [SubgraphName, string][] = [
    ['swb', 'select distinct bsn from traject where bsn = any($1)'],
    ['werkplein', 'select distinct bsn from plaatsing where bsn = any($1)'],
    ['schuldhulp', 'select distinct bsn from schuldhulptraject where bsn = any($1)'],
    [
      'werk-inkomen',
      `select distinct bsn from uitkering where bsn = any($1) and einddatum is null and regeling <> 'BBZ'`,
    ],
  ];
  for (const [name, sql] of filters) candidates = await bsnsIn(urls[name], sql, [[...candidates]]);
  return [...candidates].sort().slice(0, count);
}
