import { manyByKey, oneByKey } from '../../../platform/loaders';
import { Actie } from './actie.entity';
import { Agendapunt } from './agendapunt.entity';
import { CasusDeelnemer } from './casus-deelnemer.entity';
import { Casusoverleg } from './casusoverleg.entity';
import { Toestemming } from './toestemming.entity';

/*
 * Unscoped: participants of other partners work for other gemeenten than the resident's, so access to a
 * conference is decided by participation and regie (casusoverleg.toegang.ts), checked on every use.
 * Managed: the conference's mutations change these rows and commit them with their log line.
 */
export const casusoverlegById = oneByKey(Casusoverleg, 'id', { scoped: false, managed: true });
export const actieById = oneByKey(Actie, 'id', { scoped: false, managed: true });
export const deelnemersByCasusoverleg = manyByKey(CasusDeelnemer, 'casusoverlegId', {
  orderBy: { id: 'asc' },
  scoped: false,
  managed: true,
});
/** Most recently recorded first: the first one governs. */
export const toestemmingenByCasusoverleg = manyByKey(Toestemming, 'casusoverlegId', {
  orderBy: { id: 'desc' },
  scoped: false,
  managed: true,
});
export const agendaByCasusoverleg = manyByKey(Agendapunt, 'casusoverlegId', {
  orderBy: { volgorde: 'asc' },
  scoped: false,
  managed: true,
});
export const actiesByCasusoverleg = manyByKey(Actie, 'casusoverlegId', {
  orderBy: { deadline: 'asc', id: 'asc' },
  scoped: false,
  managed: true,
});
