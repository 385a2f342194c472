import { manyByKey, oneByKey } from '../../../platform/loaders';
import { Actie } from './actie.entity';
import { Agendapunt } from './agendapunt.entity';
import { CasusDeelnemer } from './casus-deelnemer.entity';
import { Casusoverleg } from './casusoverleg.entity';
import { Toestemming } from './toestemming.entity';

/*
 * Unscoped: participants of other partners work for other gemeenten than the resident's, so access to a
 * conference is decided by participation and regie (casusoverleg.toegang.ts), checked on every use.
 */
export const casusoverlegById = oneByKey(Casusoverleg, 'id', { scoped: false });
export const actieById = oneByKey(Actie, 'id', { scoped: false });
export const deelnemersByCasusoverleg = manyByKey(CasusDeelnemer, 'casusoverlegId', {
  orderBy: { id: 'asc' },
  scoped: false,
});
/** Most recently recorded first: the first one governs. */
export const toestemmingenByCasusoverleg = manyByKey(Toestemming, 'casusoverlegId', {
  orderBy: { id: 'desc' },
  scoped: false,
});
export const agendaByCasusoverleg = manyByKey(Agendapunt, 'casusoverlegId', {
  orderBy: { volgorde: 'asc' },
  scoped: false,
});
export const actiesByCasusoverleg = manyByKey(Actie, 'casusoverlegId', {
  orderBy: { deadline: 'asc', id: 'asc' },
  scoped: false,
});
