import { signaleninboxSchema } from '../../../platform/signalen/inbox';
import { SIGNAALREGELS } from './regels';

/** The Stadsbank's signal inbox, as `schuldhulp` on `Signaleninbox`. */
export const inbox = signaleninboxSchema({
  subgraph: 'schuldhulp',
  veld: 'schuldhulp',
  regels: SIGNAALREGELS,
});
