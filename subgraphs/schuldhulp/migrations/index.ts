import type { MigrationObject } from '@mikro-orm/core';
import { logboekRapportageMigration } from '../../../platform/audit/logboek-rapportage.migration';
import { logboekMigration } from '../../../platform/audit/logboek.migration';
import { signalenMigration } from '../../../platform/signalen/signalen.migration';
import { Migration20261123181804 } from './Migration20261123181804';
import { Migration20261201090000 } from './Migration20261201090000';

/** Applied in this order; a landed migration is never edited, a change is a new one. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261123181804', class: Migration20261123181804 },
  logboekMigration,
  { name: 'Migration20261201090000', class: Migration20261201090000 },
  logboekRapportageMigration,
  signalenMigration,
];
