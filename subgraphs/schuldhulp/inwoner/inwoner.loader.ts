import { manyByKey } from '../../../platform/loaders';
import { Schuldhulptraject } from '../schuldhulptraject/schuldhulptraject.entity';
import { Vroegsignaal } from '../vroegsignaal/vroegsignaal.entity';

export const schuldhulptrajectenByBsn = manyByKey(Schuldhulptraject, 'bsn', {
  orderBy: {
    aanmelddatum: 'desc',
    id: 'desc',
  },
});
export const vroegsignalenByBsn = manyByKey(Vroegsignaal, 'bsn', { orderBy: { datum: 'desc', id: 'desc' } });
