import { signaleninboxSchema } from '../../../platform/signalen/inbox';
import { SIGNAALREGELS } from './regels';

/**
 * Werk en Inkomen's signal inbox, as `werkInkomen` on `Signaleninbox`; werk-inkomen, the regie of the
 * chain, also serves the entry query.
 */
export const inbox = signaleninboxSchema({
  subgraph: 'werk-inkomen',
  veld: 'werkInkomen',
  regels: SIGNAALREGELS,
  ingang: true,
});
