import { runSubgraph } from '../../platform/run';
import { swb } from '.';

runSubgraph(swb);
