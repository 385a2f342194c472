import type { MikroORM } from '@mikro-orm/postgresql';
import type { SubgraphName } from '../../platform/config';
import { isValidBsn } from '../../platform/bsn';
import type { TestHub } from './hub';

/** Synthetic BSNs from the project's test range (91xxxxxxx), valid by the 11-proef. */
export function fixtureBsns(count: number, offset = 0): string[] {
  const bsns: string[] = [];
  for (let n = 91_000_000 + offset * 10; bsns.length < count; n++) {
    for (let check = 0; check <= 9; check++) {
      const candidate = `${n}${check}`;
      if (isValidBsn(candidate)) {
        bsns.push(candidate);
        break;
      }
    }
  }
  return bsns;
}

/** Lists travel as comma-separated strings: the query builder would expand an array binding. */
function sql(orm: MikroORM, statement: string, params: (string | string[])[] = []): Promise<unknown> {
  return orm.em.getConnection().execute(
    statement,
    params.map((p) => (Array.isArray(p) ? p.join(',') : p)),
  );
}

/**
 * Inserts residents of one gemeente with a record at every partner: a running benefit and an ended
 * one, an LKS period, a trajectory, a placement, a debt-help case, a development trajectory. One
 * multi-row statement per table.
 */
export async function insertResidents(
  orms: Record<SubgraphName, MikroORM>,
  gemeente: string,
  bsns: string[],
): Promise<void> {
  const n = bsns.length;
  const g = Array<string>(n).fill(gemeente);
  await sql(
    orms['werk-inkomen'],
    `insert into inwoner (bsn, naam, geboortedatum, gemeente, statushouder)
     select b, 'Inwoner ' || b, date '1980-01-01' + (i % 9000)::int, g, i % 5 = 0
     from unnest(string_to_array(?, ','), string_to_array(?, ',')) with ordinality as t(b, g, i)`,
    [bsns, g],
  );
  await sql(
    orms['werk-inkomen'],
    `insert into uitkering (bsn, gemeente, regeling, ingangsdatum, einddatum, uitstroomreden, bedrag_per_maand_centen)
     select b, g, 'PW', date '2023-02-01', null, null, 123456 from unnest(string_to_array(?, ','), string_to_array(?, ',')) as t(b, g)
     union all
     select b, g, 'IOAW', date '2021-05-01', date '2022-10-14', 'WERK', 98700 from unnest(string_to_array(?, ','), string_to_array(?, ',')) as t(b, g)`,
    [bsns, g, bsns, g],
  );
  await sql(
    orms['werk-inkomen'],
    `insert into loonkostensubsidie (bsn, gemeente, werkgever, loonwaarde, startdatum)
     select b, g, 'Synthetische Werkgever BV', 60, date '2024-03-01' from unnest(string_to_array(?, ','), string_to_array(?, ',')) as t(b, g)`,
    [bsns, g],
  );
  await sql(
    orms.swb,
    `insert into traject (bsn, gemeente, soort, startdatum, einddatum, resultaat)
     select b, g, 'ARBEIDSFIT', date '2024-01-15', date '2024-07-15', 'BETAALD_WERK' from unnest(string_to_array(?, ','), string_to_array(?, ',')) as t(b, g)`,
    [bsns, g],
  );
  await sql(
    orms.swb,
    `insert into sw_dienstverband (bsn, gemeente, soort, startdatum, gedetacheerd)
     select b, g, 'NIEUW_BESCHUT', date '2024-09-01', true from unnest(string_to_array(?, ','), string_to_array(?, ',')) as t(b, g)`,
    [bsns, g],
  );
  await sql(
    orms.werkplein,
    `insert into werkgever (id, naam, kvk_nummer, gemeente, sector) values (1, 'Synthetische Werkgever BV', '90000001', ?, 'Logistiek')
     on conflict (id) do nothing`,
    [gemeente],
  );
  await sql(
    orms.werkplein,
    `select setval(pg_get_serial_sequence('werkgever', 'id'), (select max(id) from werkgever))`,
  );
  await sql(
    orms.werkplein,
    `insert into plaatsing (bsn, gemeente, werkgever_id, soort, met_lks, startdatum)
     select b, g, 1, 'PROEFPLAATSING', true, date '2024-08-01' from unnest(string_to_array(?, ','), string_to_array(?, ',')) as t(b, g)`,
    [bsns, g],
  );
  await sql(
    orms.schuldhulp,
    `insert into schuldhulptraject (bsn, gemeente, aanmelddatum, bron, fase, budgetbeheer, aantal_schuldeisers, totale_schuld_centen)
     select b, g, date '2024-02-01', 'BUDGETALERT', 'STABILISATIE', true, 7, 1543200 from unnest(string_to_array(?, ','), string_to_array(?, ',')) as t(b, g)`,
    [bsns, g],
  );
  await sql(
    orms.schuldhulp,
    `insert into vroegsignaal (bsn, gemeente, soort, datum, bedrag_centen)
     select b, g, 'HUUR', date '2024-01-10', 85000 from unnest(string_to_array(?, ','), string_to_array(?, ',')) as t(b, g)`,
    [bsns, g],
  );
  await sql(
    orms.werkcentrum,
    `insert into ontwikkeltraject (bsn, gemeente, soort, startdatum, budget_centen)
     select b, g, 'SCHOLING', date '2024-04-01', 250000 from unnest(string_to_array(?, ','), string_to_array(?, ',')) as t(b, g)`,
    [bsns, g],
  );
}

/** A row of a table, by column name; null is SQL NULL. */
export type Row = Record<string, string | number | boolean | null>;

/**
 * Inserts hand-written rows into one table of a subgraph's database, in one multi-row statement. Rows
 * of one call must have the same columns.
 */
export async function insertRows(orm: MikroORM, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  await orm.em.getKnex().insert(rows).into(table);
}

/**
 * The resident's consent for the Stadsbank, recorded in a case conference at Werk en Inkomen (as its
 * owner: the set-up of the signal tests, whose rule asks for that consent).
 */
export async function geefToestemmingVoorSchuldhulp(
  hub: Pick<TestHub, 'asOwner'>,
  bsn: string,
  gemeente: string,
): Promise<void> {
  const [casus] = await hub.asOwner<{ id: number }>(
    'werk-inkomen',
    `insert into casusoverleg (bsn, gemeente, titel, grondslag, partners, geopend_op, geopend_door, organisatie)
     values ($1, $2, 'Signalen', 'TOESTEMMING', '{werk-inkomen,schuldhulp}', now(), 'km-hengelo-1', 'wi-bhh')
     returning id`,
    [bsn, gemeente],
  );
  await hub.asOwner(
    'werk-inkomen',
    `insert into toestemming (casusoverleg_id, gegeven_op, verloopt_op, partners, wijze, vastgelegd_door,
       vastgelegd_door_organisatie, vastgelegd_op)
     values ($1, current_date, current_date + 90, '{werk-inkomen,schuldhulp}', 'SCHRIFTELIJK', 'shv-1', 'stadsbank', now())`,
    [casus?.id],
  );
}
