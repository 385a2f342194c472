import { oneByKey } from '../../../platform/loaders';
import { Vacature } from './vacature.entity';

export const vacatureById = oneByKey(Vacature, 'id', { scoped: false });
