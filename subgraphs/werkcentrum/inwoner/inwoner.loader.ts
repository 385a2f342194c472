import { manyByKey } from '../../../platform/loaders';
import { Ontwikkeltraject } from '../ontwikkeltraject/ontwikkeltraject.entity';

export const ontwikkeltrajectenByBsn = manyByKey(Ontwikkeltraject, 'bsn', {
  orderBy: { startdatum: 'desc', id: 'desc' },
});
