import { oneByKey } from '../../../platform/loaders';
import { Traject } from './traject.entity';

export const trajectById = oneByKey(Traject, 'id');
