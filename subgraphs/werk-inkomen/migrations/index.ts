import type { MigrationObject } from '@mikro-orm/core';
import { logboekRapportageMigration } from '../../../platform/audit/logboek-rapportage.migration';
import { logboekMigration } from '../../../platform/audit/logboek.migration';
import { signalenMigration } from '../../../platform/signalen/signalen.migration';
import { Migration20261123181511 } from './Migration20261123181511';
import { Migration20261123183634 } from './Migration20261123183634';
import { Migration20261201040215 } from './Migration20261201040215';
import { Migration20261201090000 } from './Migration20261201090000';

/** Applied in this order; a landed migration is never edited, a change is a new one. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261123181511', class: Migration20261123181511 },
  logboekMigration,
  { name: 'Migration20261123183634', class: Migration20261123183634 },
  { name: 'Migration20261201040215', class: Migration20261201040215 },
  { name: 'Migration20261201090000', class: Migration20261201090000 },
  logboekRapportageMigration,
  signalenMigration,
];
